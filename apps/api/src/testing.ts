// Test support (not a test file): a fresh app on a fresh database, for
// `app.inject` tests on both PGlite (in memory) and PostgreSQL (a database
// created on DUST_TEST_DATABASE_URL's server and dropped on close).
//
//   for (const kind of DB_KINDS) describe(`proposals on ${kind}`, () => {
//     let t: TestApp;
//     before(async () => { t = await createTestApp(kind); });
//     after(() => t.close());
//     it('…', async () => { const alice = await t.createUser('contributor'); … });
//   });
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from './app';
import { type Config, loadConfig, testPostgresUrl } from './config';
import type { Role } from './generated/prisma/client';
import { newSecret } from './lib/secrets';

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: readonly DbKind[] = ['pglite', 'postgres'];

export interface TestUser {
  id: number;
  name: string;
  role: Role;
  token: string;
  /** Headers for app.inject: { authorization: 'Bearer …' }. */
  auth: { authorization: string };
}

export interface TestApp {
  app: FastifyInstance;
  kind: DbKind;
  config: Config;
  /** The bootstrap admin (DUST_BOOTSTRAP_TOKEN). */
  admin: TestUser;
  /** Creates an account through POST /api/users (as admin), with a password when given. */
  createUser(
    role: Role,
    opts?: { name?: string; password?: string; email?: string },
  ): Promise<TestUser>;
  close(): Promise<void>;
}

/** Config for tests: silent, no build worker, generous rate limits; override what a test needs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  return {
    ...base,
    database: { kind: 'pglite', dataDir: null },
    bootstrapToken: newSecret('dust_boot_'),
    buildWorker: false,
    mailWorker: false,
    rateLimit: { writesPerMinute: 100_000, loginPerMinute: 100_000 },
    ...overrides,
  };
}

/** Creates an empty PostgreSQL database; returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = testPostgresUrl();
  const name = `dust_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

let userCounter = 0;

export async function createTestApp(
  kind: DbKind,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const pgDb = kind === 'postgres' ? await createPostgresDatabase() : null;
  const config = testConfig({
    ...(pgDb ? { database: { kind: 'postgres', url: pgDb.url } } : {}),
    ...overrides,
  });
  let app: FastifyInstance;
  try {
    app = await buildApp(config);
  } catch (err) {
    await pgDb?.drop();
    throw err;
  }
  const bootstrapToken = config.bootstrapToken as string;
  const adminRow = await app.prisma.user.findUniqueOrThrow({ where: { name: 'admin' } });
  const admin: TestUser = {
    id: adminRow.id,
    name: adminRow.name,
    role: adminRow.role,
    token: bootstrapToken,
    auth: { authorization: `Bearer ${bootstrapToken}` },
  };
  return {
    app,
    kind,
    config,
    admin,
    async createUser(role, opts = {}) {
      userCounter += 1;
      const name = opts.name ?? `${role}${userCounter}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.auth,
        payload: {
          name,
          role,
          ...(opts.password ? { password: opts.password } : {}),
          ...(opts.email ? { email: opts.email } : {}),
        },
      });
      if (res.statusCode !== 201)
        throw new Error(`createUser failed: ${res.statusCode} ${res.body}`);
      const body = res.json() as { id: number; name: string; role: Role; token: string };
      return { ...body, auth: { authorization: `Bearer ${body.token}` } };
    },
    async close() {
      try {
        await app.close();
      } finally {
        await pgDb?.drop();
      }
    },
  };
}
