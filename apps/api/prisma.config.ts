// Prisma CLI configuration (generate; migrate dev/diff when authoring migrations).
// Prisma's native engines cannot be downloaded here, so the CLI runs its
// JavaScript schema engine through a driver adapter (see ENVIRONMENT.md).
// The app itself applies migrations with src/db/migrate.ts, not with this CLI.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';
import { loadConfig } from './src/config';

const here = path.dirname(fileURLToPath(import.meta.url));
// The same database the app would use (DATABASE_URL, else PGlite in DUST_DATA_DIR).
const { database } = loadConfig();

// Any existing file stops the CLI from downloading native engines it will not use.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= fileURLToPath(import.meta.url);
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
// The schema's datasource needs a syntactically valid URL even when the adapter connects.
process.env.DATABASE_URL ||= 'postgresql://unused@localhost/unused';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(here, '../../prisma/schema.prisma'),
  migrations: { path: path.join(here, '../../prisma/migrations') },
  async adapter() {
    if (database.kind === 'postgres') {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      return new PrismaPg({ connectionString: database.url });
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    return new PrismaPGlite(database.dataDir ? new PGlite(database.dataDir) : new PGlite());
  },
});
