// Opens the database (applying migrations) and decorates the app with it:
// `app.db` (kind, close), `app.prisma` (the Prisma client) and `app.readCache`
// (rendered public reads, valid until the next committed write: lib/read-cache.ts).
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { type Database, openDatabase, type PrismaClient } from '../../db/open';
import { ReadCache } from '../../lib/read-cache';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    prisma: PrismaClient;
    readCache: ReadCache;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const db = await openDatabase(config.database);
    if (db.migrated.length > 0) app.log.info({ migrations: db.migrated }, 'applied migrations');
    app.decorate('db', db);
    app.decorate('prisma', db.prisma);
    app.decorate('readCache', new ReadCache(db.dataVersion));
    app.addHook('onClose', async () => {
      await db.close();
    });
  },
  { name: 'database' },
);
