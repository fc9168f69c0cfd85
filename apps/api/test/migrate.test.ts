// Migrations: applied once, recorded like Prisma does, data kept across
// restarts of an on-disk PGlite, and an edited migration refused.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import {
  applyMigrations,
  MIGRATIONS_DIR,
  readMigrations,
  type SqlSession,
} from '../src/db/migrate';
import { openDatabase } from '../src/db/open';

const session = (db: PGlite): SqlSession => ({
  exec: async (sql) => {
    await db.exec(sql);
  },
  query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
});

describe('migrations', () => {
  it('apply once on an on-disk PGlite and keep data across restarts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dust-migrate-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: dir });
      const all = (await readMigrations()).map((m) => m.name);
      assert.deepEqual(first.migrated, all);
      await first.prisma.user.create({ data: { name: 'kept' } });
      await first.close();
      const second = await openDatabase({ kind: 'pglite', dataDir: dir });
      assert.deepEqual(second.migrated, []);
      assert.equal(
        (await second.prisma.user.findUnique({ where: { name: 'kept' } }))?.name,
        'kept',
      );
      const rows = await second.prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
        SELECT migration_name, checksum FROM "_prisma_migrations"`;
      assert.deepEqual(
        rows.map((r) => r.migration_name),
        all,
      );
      assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum)));
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a migration edited after it was applied', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dust-migrations-'));
    const db = new PGlite();
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await applyMigrations(session(db), dir);
      const [first] = await readMigrations(dir);
      assert.ok(first);
      await writeFile(path.join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited\n`);
      await assert.rejects(applyMigrations(session(db), dir), /was edited after it was applied/);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
