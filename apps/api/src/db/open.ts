// Opens the database named by the config (PGlite directory, PGlite in memory,
// or PostgreSQL), applies pending migrations, and returns a Prisma client on it.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';
import {
  countWrites,
  type DataVersion,
  pgliteDataVersion,
  postgresDataVersion,
  WriteCounter,
} from './data-version';
import { applyMigrations, type SqlSession } from './migrate';

export type { PrismaClient };

// Prisma's defaults (wait 2 s for a connection, 5 s per transaction) turned 50
// concurrent writes on a 10-connection pool into 500s on the shared 2-core
// machine (test/concurrency.test.ts: 7 of 100 requests). Waiting longer is what
// a queue of writers on one proposal lock needs; past it, errors.ts answers 503.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

export interface Database {
  kind: DatabaseConfig['kind'];
  prisma: PrismaClient;
  /** Migrations applied while opening. */
  migrated: string[];
  /** Changes whenever a write commits, from any instance (see data-version.ts). */
  dataVersion: DataVersion;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPGlite(config.dataDir);
}

async function openPGlite(dataDir: string | null): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await pglite.waitReady;
  const session: SqlSession = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
  let migrated: string[];
  try {
    migrated = await applyMigrations(session);
  } catch (err) {
    await pglite.close();
    throw err;
  }
  // pglite-prisma-adapter bundles its own copy of Prisma's adapter types; the
  // runtime interface is the one the 6.19 client expects (checked by the tests).
  const writes = new WriteCounter();
  const adapter = countWrites(
    new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory,
    writes,
  );
  const prisma = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  return {
    kind: 'pglite',
    prisma,
    migrated,
    dataVersion: pgliteDataVersion(writes),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * Gives back to the pool (as broken) a client whose connection ends while it is
 * checked out. Prisma 6.19's transaction manager sends COMMIT (or ROLLBACK) and
 * releases the client only if that query succeeds, so a connection lost at that
 * moment kept its pool slot for ever: after an outage the pool shrank by one
 * slot per interrupted transaction, and closing the app hung on pool.end()
 * (test/faults.test.ts found it). Released once: a later release is a no-op.
 */
function releaseClientsThatEnd(pool: pg.Pool): void {
  const watchers = new WeakMap<pg.PoolClient, () => void>();
  pool.on('acquire', (client) => {
    const onEnd = () => {
      const release = client.release;
      client.release = () => {};
      release(new Error('the connection ended while the client was checked out'));
    };
    watchers.set(client, onEnd);
    client.once('end', onEnd);
  });
  pool.on('release', (_error, client) => {
    const onEnd = watchers.get(client);
    if (onEnd) client.removeListener('end', onEnd);
    watchers.delete(client);
  });
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  releaseClientsThatEnd(pool);
  // An idle client that fails (server restart, connection terminated) is already
  // dropped by the pool, which then emits 'error'. Prisma listens only while it is
  // connected; without this listener an idle client still closing after
  // $disconnect would crash the process with an uncaught exception.
  pool.on('error', () => {});
  let migrated: string[];
  try {
    const client = await pool.connect();
    try {
      migrated = await applyMigrations({
        exec: async (sql) => {
          await client.query(sql);
        },
        query: async <T>(sql: string, params?: unknown[]) =>
          (await client.query(sql, params)).rows as T[],
      });
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  return {
    kind: 'postgres',
    prisma,
    migrated,
    dataVersion: postgresDataVersion(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
