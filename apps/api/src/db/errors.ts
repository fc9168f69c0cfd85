// Recognising database errors across adapters: @prisma/adapter-pg errors become
// PrismaClientKnownRequestError (P2002…), while pglite-prisma-adapter (built
// against another copy of Prisma's adapter utilities) surfaces the raw
// DriverAdapterError whose `cause` carries the PostgreSQL SQLSTATE.
import { Prisma } from '../generated/prisma/client';

const UNIQUE_VIOLATION = '23505';
/** character_not_in_repertoire (NUL in text) and untranslatable_character (\u0000 in jsonb). */
const INVALID_TEXT: ReadonlySet<string> = new Set(['22021', '22P05']);

/** The SQLSTATE a driver adapter error carries, if any. */
function sqlState(err: unknown): string | undefined {
  if (!(err instanceof Error) || err.name !== 'DriverAdapterError') return undefined;
  const cause = (err as Error & { cause?: { code?: string; originalCode?: string } }).cause;
  return cause?.originalCode ?? cause?.code;
}

export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return err.code === 'P2002';
  return sqlState(err) === UNIQUE_VIOLATION;
}

/**
 * Text the database cannot store: PostgreSQL refuses NUL (22021, 22P05), and
 * Prisma's query serialiser refuses a lone surrogate before the query is sent
 * (checked with Prisma 6.19: "JSON Error: unexpected end of hex escape"). The
 * storable-text hook refuses both first; this is the last guard behind it.
 */
export function isInvalidTextError(err: unknown): boolean {
  const state = sqlState(err);
  if (state !== undefined) return INVALID_TEXT.has(state);
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    const code = (err.meta as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' && INVALID_TEXT.has(code);
  }
  return (
    err instanceof Prisma.PrismaClientUnknownRequestError &&
    /JSON Error: unexpected end of hex escape/.test(err.message)
  );
}
