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

// Node's socket errors when the server is gone or unreachable.
const SOCKET_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs of a server that is shutting down, starting up or out of connections.
const UNAVAILABLE_STATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);
// Prisma's "cannot reach / lost the database server" codes, and P2028: no
// connection or transaction slot came free in time (the server is overloaded).
const PRISMA_UNREACHABLE: ReadonlySet<string> = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2028',
]);
// Driver adapter error kinds for the same (Prisma 6.19's adapter utilities).
const ADAPTER_UNREACHABLE: ReadonlySet<string> = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Connection ended|Client has encountered a connection error/i;

function isUnreachable(err: object): boolean {
  const e = err as { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown };
  const codes = [e.code, e.originalCode].filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => SOCKET_CODES.has(c) || UNAVAILABLE_STATES.has(c) || c.startsWith('08')))
    return true;
  if (typeof e.kind === 'string' && ADAPTER_UNREACHABLE.has(e.kind)) return true;
  if (err instanceof Prisma.PrismaClientKnownRequestError && PRISMA_UNREACHABLE.has(err.code))
    return true;
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  return typeof e.message === 'string' && LOST_CONNECTION.test(e.message);
}

/**
 * The database could not be reached or dropped the connection (PostgreSQL
 * stopped, restarting, out of connections), however the driver, the adapter or
 * Prisma wrapped it: a 503 with Retry-After, not a 500, since the same request
 * will work once the server is back (the pool reconnects by itself).
 */
export function isConnectionFailure(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (isUnreachable(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
