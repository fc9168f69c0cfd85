// The append-only audit log (GET /api/events) and its Atom feed.
import { z } from 'zod';
import { IdSchema, INT4_MAX, PageQuerySchema, TimestampSchema, UserRefSchema } from './common';

export const EventSchema = z.object({
  id: z.number().int(),
  type: z
    .string()
    .describe(
      'e.g. proposal.created, revision.created, review.created, release.created, build.finished',
    ),
  actor: UserRefSchema.nullable(),
  proposalId: z.number().int().nullable(),
  revisionId: z.number().int().nullable(),
  releaseId: z
    .number()
    .int()
    .nullable()
    .describe('Database id of the release; data.release has its number.'),
  data: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});
export type ApiEvent = z.output<typeof EventSchema>;

/** The filters of the audit log, shared by GET /api/events and its Atom feed. */
export const EventFilterSchema = z.strictObject({
  type: z.string().max(64).optional().describe('"review" (prefix) or "review.created" (exact).'),
  proposal: IdSchema.optional(),
  revision: IdSchema.optional().describe('Revision database id.'),
  release: z.coerce.number().int().min(0).max(INT4_MAX).optional().describe('Release number.'),
  actor: z.string().max(39).optional().describe('Actor name.'),
});

export const ListEventsQuerySchema = PageQuerySchema.extend({
  ...EventFilterSchema.shape,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  order: z
    .enum(['asc', 'desc'])
    .default('asc')
    .describe('asc: oldest first (poll with the cursor); desc: newest first.'),
});

/** GET /api/events.atom and the other feeds: at most 200 entries. */
export const FeedQuerySchema = EventFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const FeedLimitQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
