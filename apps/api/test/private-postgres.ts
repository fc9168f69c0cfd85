// A PostgreSQL server of the test's own, for fault tests that stop the server:
// the shared one on 5432 serves every other test on the machine and must never
// be stopped. initdb into a temporary directory (as the postgres user when run
// as root: initdb refuses root), trust auth, loopback only, a free port. The
// caller stops and starts it at will and destroys it in an after().
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort().at(-1);
  const bin = version ? join(root, version, 'bin') : undefined;
  return bin && existsSync(join(bin, 'pg_ctl')) ? bin : undefined;
}

const BIN = postgresBin();
const AS_ROOT = process.getuid?.() === 0;

/** false, or why this machine cannot run a private PostgreSQL. */
export const SKIP_WITHOUT_PRIVATE_POSTGRES: string | false = !BIN
  ? 'skipped: no PostgreSQL server binaries under /usr/lib/postgresql'
  : false;

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface PrivatePostgres {
  /** postgresql://… of its `postgres` database. */
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!BIN) throw new Error(String(SKIP_WITHOUT_PRIVATE_POSTGRES));
  const dir = mkdtempSync(join(tmpdir(), 'dust-pg-fault-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (tool: string, args: string[]) => {
    const program = join(BIN, tool);
    const [file, argv] = AS_ROOT
      ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
      : [program, args];
    execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
  };
  if (AS_ROOT) {
    chmodSync(dir, 0o777);
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pg = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start() {
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    destroy() {
      try {
        pg.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    pg.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return pg;
}
