// A small client for the Dust API: JSON in and out, bearer token, and the
// server's problem+json turned into one readable line. A refusal by the server
// exits 1 (like an invalid document); a server that cannot be reached, or no
// token where one is needed, exits 2 (a setup problem the user fixes).
import { CliError, UsageError } from '../cli-error';
import { terminalSafe } from '../terminal-text';
import type { ServerSettings } from './server-settings';

interface Problem {
  title?: string;
  detail?: string;
  diagnostics?: { code?: string; path?: string; message?: string; severity?: string }[];
}

/** One line from a problem document: title, detail, the first error diagnostic. */
export function problemLine(status: number, problem: Problem): string {
  const parts = [`${status} ${problem.title ?? 'error'}`];
  if (problem.detail) parts.push(problem.detail);
  const errors = (problem.diagnostics ?? []).filter((d) => d.severity !== 'info');
  const first = errors[0];
  if (first) {
    const where = first.path ? ` at ${first.path}` : '';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    parts.push(`${first.code ?? ''}${where}: ${first.message ?? ''}${more}`);
  }
  return terminalSafe(parts.join(': '), 400);
}

export class ServerRefused extends CliError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message, 1);
  }
}

export interface DustClient {
  readonly server: string;
  json<T>(method: 'GET' | 'POST' | 'DELETE' | 'PATCH', path: string, body?: unknown): Promise<T>;
  bytes(path: string): Promise<Buffer>;
}

export function dustClient(settings: ServerSettings, opts: { needsToken: boolean }): DustClient {
  if (opts.needsToken && !settings.token) {
    throw new UsageError('no API token: set DUST_TOKEN or run dust login');
  }
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `${settings.server}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new CliError(
        `cannot reach ${terminalSafe(settings.server)}: ${cause ?? (error as Error).message}`,
      );
    }
    if (response.ok) return response;
    const text = await response.text();
    let problem: Problem = { title: response.statusText, detail: text.slice(0, 200) };
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      // not a problem document: the status and the start of the body say enough
    }
    throw new ServerRefused(response.status, problemLine(response.status, problem));
  }
  return {
    server: settings.server,
    async json<T>(method: 'GET' | 'POST' | 'DELETE' | 'PATCH', path: string, body?: unknown) {
      const response = await send(method, path, body);
      const text = await response.text();
      return (text === '' ? null : JSON.parse(text)) as T;
    },
    async bytes(path: string) {
      return Buffer.from(await (await send('GET', path)).arrayBuffer());
    },
  };
}
