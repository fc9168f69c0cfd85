// Opens the database (applying migrations) and decorates the app with it:
// `app.db` (kind, close) and `app.prisma` (the Prisma client).
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { type Database, openDatabase, type PrismaClient } from '../../db/open';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    prisma: PrismaClient;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const db = await openDatabase(config.database);
    if (db.migrated.length > 0) app.log.info({ migrations: db.migrated }, 'applied migrations');
    app.decorate('db', db);
    app.decorate('prisma', db.prisma);
    app.addHook('onClose', async () => {
      await db.close();
    });
  },
  { name: 'database' },
);
