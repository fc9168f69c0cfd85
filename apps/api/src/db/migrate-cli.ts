// `npm run db:migrate`: applies pending migrations to the configured database and exits.
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from './open';

try {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const where =
    config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.database.dataDir})`;
  console.log(
    db.migrated.length
      ? `Applied ${db.migrated.join(', ')} to ${where}.`
      : `${where} is up to date.`,
  );
  await db.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
