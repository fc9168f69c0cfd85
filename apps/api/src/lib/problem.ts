// RFC 9457 problem details (the shape is ProblemSchema in @dust/contract): the error
// domain operations throw and the helpers that make the usual ones.
import type { Problem } from '@dust/contract';
import type { Diagnostic } from '@dust/model';

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
