import 'server-only';
import { headers } from 'next/headers';

/** The origin the visitor used to reach the web app, for copy-paste commands. */
export async function publicOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? '127.0.0.1';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}
