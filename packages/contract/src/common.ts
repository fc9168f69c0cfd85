// Request/response shapes shared by several resources.
import { z } from 'zod';

/** Ids and numbers are int4 in the database: anything larger is a 400, not a database error. */
export const INT4_MAX = 2_147_483_647;
export const IdSchema = z.coerce.number().int().min(1).max(INT4_MAX);
export const IdParamsSchema = z.strictObject({ id: IdSchema });
export const RevisionParamsSchema = z.strictObject({ id: IdSchema, n: IdSchema });

export const UserRefSchema = z
  .object({ id: z.number().int(), name: z.string() })
  .describe('A user, by id and name.');

export const RoleSchema = z.enum(['contributor', 'maintainer', 'admin']);

export const TimestampSchema = z.string().describe('ISO 8601 timestamp (UTC).');

export const PageQuerySchema = z.strictObject({
  cursor: IdSchema.optional().describe(
    'Continue after this id (from nextCursor or the Link header).',
  ),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .number()
      .int()
      .nullable()
      .describe('Pass as ?cursor= for the next page; null on the last page.'),
  });
}

export const NoContentSchema = z.null().describe('No content');

/** OpenAPI security of routes that need an account: a Bearer token or the session cookie. */
export const WRITE_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

export type Role = z.output<typeof RoleSchema>;
export type UserRef = z.output<typeof UserRefSchema>;
