import { UsageError } from '../cli-error';
import type { CliIo } from '../io';
import { terminalSafe } from '../terminal-text';
import { type DustClient, dustClient } from './dust-client';
import { resolveServer } from './server-settings';

/** The --server option every client command takes. */
export const SERVER_OPTION = { server: { type: 'string' } } as const;

export const SERVER_HELP = `  --server URL     the Dust server (default: DUST_SERVER, else the one dust login
                   saved, else http://127.0.0.1:3001); the token is DUST_TOKEN's,
                   else the saved one`;

export async function connect(
  io: CliIo,
  server: string | undefined,
  opts: { needsToken: boolean },
): Promise<DustClient> {
  return dustClient(await resolveServer(io, server), opts);
}

/** A positive integer argument (a proposal id, a revision number); releases start at 0. */
export function parseId(value: string, what: string, opts: { zero?: boolean } = {}): number {
  const pattern = opts.zero ? /^(0|[1-9]\d{0,9})$/ : /^[1-9]\d{0,9}$/;
  if (!pattern.test(value) || Number(value) > 2_147_483_647) {
    const kind = opts.zero ? 'a number' : 'a positive number';
    throw new UsageError(`${what} must be ${kind}, not ${terminalSafe(value, 40)}`);
  }
  return Number(value);
}

/** The proposal's latest revision number, for commands that default to it. */
export async function latestRevision(client: DustClient, proposal: number): Promise<number> {
  return (await client.json<{ latestRevision: number }>('GET', `/api/proposals/${proposal}`))
    .latestRevision;
}
