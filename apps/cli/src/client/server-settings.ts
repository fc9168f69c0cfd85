// Which Dust server a command talks to, and with which token: --server, then
// DUST_SERVER / DUST_API_URL, then the file `dust login` wrote, then the local
// API. The token comes from DUST_TOKEN, else from that file — never from the
// command line, where other users of the machine could read it in `ps`.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError, UsageError } from '../cli-error';
import type { CliIo } from '../io';
import { terminalSafe } from '../terminal-text';

export const DEFAULT_SERVER = 'http://127.0.0.1:3001';

export interface ServerSettings {
  server: string;
  token: string | undefined;
}

interface LoginFile {
  server?: unknown;
  token?: unknown;
}

async function readLoginFile(file: string): Promise<{ server?: string; token?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`cannot read ${terminalSafe(file)}: ${(error as Error).message}`);
  }
  let parsed: LoginFile;
  try {
    parsed = JSON.parse(text) as LoginFile;
  } catch {
    throw new CliError(`${terminalSafe(file)} is not valid JSON (run dust login again)`);
  }
  return {
    ...(typeof parsed.server === 'string' ? { server: parsed.server } : {}),
    ...(typeof parsed.token === 'string' ? { token: parsed.token } : {}),
  };
}

/** The server's origin, or a usage error naming what was given. */
export function serverUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--server: not a URL: ${terminalSafe(value, 100)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server: not an http(s) URL: ${terminalSafe(value, 100)}`);
  }
  return url.origin;
}

export async function resolveServer(io: CliIo, flag: string | undefined): Promise<ServerSettings> {
  const saved = await readLoginFile(io.loginFile);
  return {
    server: serverUrl(flag ?? io.server ?? saved.server ?? DEFAULT_SERVER),
    token: io.token ?? saved.token,
  };
}

/** Writes the login file readable by its owner only: it holds a credential. */
export async function saveLogin(file: string, settings: { server: string; token: string }) {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}
