import type { Db } from './types';

/**
 * The database's clock. Final comment periods start, end and are found due on
 * it, like build leases, so API instances and workers agree on one clock.
 */
export async function databaseNow(db: Db): Promise<Date> {
  const [row] = await db.$queryRaw<
    { ms: number }[]
  >`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`;
  return new Date(Math.round(Number(row?.ms)));
}
