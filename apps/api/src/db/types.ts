import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** Inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;
/** Either the client or a transaction: what domain operations take. */
export type Db = PrismaClient | Tx;
export type { Prisma, PrismaClient };
