// RFC 9457 problem details: every error response of the API has this shape.
import { type Diagnostic, DiagnosticSchema } from '@dust/model';
import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .describe('URI identifying the problem kind; "about:blank" for plain HTTP errors.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    diagnostics: z.array(DiagnosticSchema).optional(),
    reason: z
      .string()
      .optional()
      .describe('Which check refused it, for problems that gather several (fcp-blocked).'),
    conflicts: z
      .array(z.unknown())
      .optional()
      .describe('Rebase conflicts (see @dust/model rebaseGrouping).'),
  })
  .describe('application/problem+json (RFC 9457)');
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Thrown by domain operations and hooks; the error handler turns it into problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly diagnostics: Diagnostic[] | undefined;
  readonly conflicts: unknown[] | undefined;
  readonly reason: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    title: string,
    detail: string,
    opts: {
      type?: string;
      diagnostics?: Diagnostic[];
      conflicts?: unknown[];
      reason?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.status = status;
    this.title = title;
    this.type = opts.type ? `urn:dust:problem:${opts.type}` : 'about:blank';
    this.diagnostics = opts.diagnostics;
    this.conflicts = opts.conflicts;
    this.reason = opts.reason;
    this.headers = opts.headers ?? {};
  }

  toProblem(instance?: string): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.diagnostics ? { diagnostics: this.diagnostics } : {}),
      ...(this.conflicts ? { conflicts: this.conflicts } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}

export const badRequest = (detail: string, diagnostics?: Diagnostic[]) =>
  new ProblemError(400, 'Bad Request', detail, { type: 'invalid-request', diagnostics });
export const unauthorized = (detail = 'Sign in or send an API token (Authorization: Bearer …).') =>
  new ProblemError(401, 'Unauthorized', detail, {
    type: 'unauthorized',
    headers: { 'www-authenticate': 'Bearer realm="dust"' },
  });
export const forbidden = (detail: string) =>
  new ProblemError(403, 'Forbidden', detail, { type: 'forbidden' });
export const notFound = (what: string) =>
  new ProblemError(404, 'Not Found', `${what} does not exist.`, { type: 'not-found' });
export const conflict = (
  type: string,
  detail: string,
  extra: { diagnostics?: Diagnostic[]; conflicts?: unknown[]; reason?: string } = {},
) => new ProblemError(409, 'Conflict', detail, { type, ...extra });
