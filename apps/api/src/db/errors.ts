// Recognising database errors across adapters: @prisma/adapter-pg errors become
// PrismaClientKnownRequestError (P2002…), while pglite-prisma-adapter (built
// against another copy of Prisma's adapter utilities) surfaces the raw
// DriverAdapterError whose `cause` carries the PostgreSQL SQLSTATE.
import { Prisma } from '../generated/prisma/client';

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return err.code === 'P2002';
  if (err instanceof Error && err.name === 'DriverAdapterError') {
    const cause = (
      err as Error & { cause?: { kind?: string; code?: string; originalCode?: string } }
    ).cause;
    return cause?.code === UNIQUE_VIOLATION || cause?.originalCode === UNIQUE_VIOLATION;
  }
  return false;
}
