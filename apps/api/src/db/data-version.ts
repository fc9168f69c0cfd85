// A cheap "has any data changed?" token for read caches (lib/read-cache.ts):
// two equal tokens mean no write was committed in between, so a response
// rendered under the first may be served under the second.
//
// PostgreSQL: several API instances may share the database, so an in-process
// counter cannot see the others' writes. The token is the current transaction
// snapshot (`pg_current_snapshot()`: xmin:xmax:in-progress xids). Every write
// transaction gets a transaction id; once it commits (or a new one starts),
// every later snapshot differs, and ids never repeat, so an equal snapshot
// means the same committed data, whichever instance wrote. One trivial query,
// no table access; read-only transactions get no id and do not change it.
// Writes to other databases of the cluster change it too: fewer hits, never
// a wrong one. Concurrent requests share one snapshot query, but only one
// *sent after they arrived* (freshShared), so each still sees every write
// that committed before it came in.
//
// PGlite: the database is embedded in this process and nobody else can open it
// while we hold it, so every write passes through this process's Prisma
// adapter. The adapter is wrapped to count them (countWrites): every statement
// that is not a plain SELECT, and every transaction end, bumps the counter
// *after* it completed. A reader that took the token before a commit stores
// its result under the old token, which no later request will ask for; a
// reader that takes it after the bump queries after the commit (PGlite runs
// one statement or transaction at a time). No query at all per request.
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import type pg from 'pg';

/** Returns the current token; equal tokens ⇒ no write committed in between. */
export type DataVersion = () => Promise<string>;

export class WriteCounter {
  private count = 0;
  bump(): void {
    this.count += 1;
  }
  get value(): string {
    return String(this.count);
  }
}

const READ_ONLY = /^\s*SELECT\b/i;

function isWrite(query: SqlQuery): boolean {
  return !READ_ONLY.test(query.sql);
}

/** Wraps a query-running object so that writes bump `counter` once they completed. */
function countQueries<T extends SqlDriverAdapter | Transaction>(
  target: T,
  counter: WriteCounter,
): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        return async (query: SqlQuery) => {
          try {
            return await value.call(obj, query);
          } finally {
            if (isWrite(query)) counter.bump();
          }
        };
      }
      if (prop === 'executeScript' || prop === 'commit' || prop === 'rollback') {
        return async (...args: unknown[]) => {
          try {
            return await value.apply(obj, args);
          } finally {
            counter.bump();
          }
        };
      }
      if (prop === 'startTransaction') {
        return async (...args: unknown[]) =>
          countQueries((await value.apply(obj, args)) as Transaction, counter);
      }
      return value.bind(obj);
    },
  });
}

/** The adapter factory, with every connection's writes counted (PGlite: the only writer). */
export function countWrites(
  factory: SqlDriverAdapterFactory,
  counter: WriteCounter,
): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop === 'connect' && typeof value === 'function') {
        return async () => countQueries((await value.call(obj)) as SqlDriverAdapter, counter);
      }
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}

export function pgliteDataVersion(counter: WriteCounter): DataVersion {
  return async () => counter.value;
}

/**
 * Calls of the returned function share runs of `run`, but a caller only ever
 * joins a run that starts after its call: while one run is in flight, callers
 * wait for the next one, which starts when it ends. So a query's snapshot is
 * never older than any of its callers, and at most two queries run at a time.
 */
export function freshShared<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = () => {
    const p: Promise<T> = run().finally(() => {
      if (current === p) current = null;
    });
    current = p;
    return p;
  };
  return () => {
    if (!current) return start();
    if (!next) {
      next = current
        .catch(() => undefined)
        .then(() => {
          next = null;
          return start();
        });
    }
    return next;
  };
}

export function postgresDataVersion(pool: pg.Pool): DataVersion {
  return freshShared(async () => {
    const { rows } = await pool.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s');
    const token = rows[0]?.s;
    if (!token) throw new Error('pg_current_snapshot() returned nothing');
    return token;
  });
}
