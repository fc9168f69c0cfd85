// The X-Forwarded-For chain the web app hands to the API. The API trusts the
// web server as one proxy hop (DUST_TRUST_PROXY=1) and believes only the last
// entry, so that entry must be the address the web server itself saw: the
// socket's. What a client sends is kept only as far as the proxies in front of
// the web server are trusted (WEB_TRUST_PROXY hops); the rest could be made up.

/** The chain to forward: the trusted tail of the incoming chain, then the socket's address. */
export function forwardedFor(
  incoming: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedHops: number,
): string | undefined {
  if (!socketAddress) return undefined;
  const chain = (Array.isArray(incoming) ? incoming.join(',') : (incoming ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const trusted = trustedHops > 0 ? chain.slice(-trustedHops) : [];
  return [...trusted, socketAddress].join(', ');
}

// Set by the web server (bin/start.ts) once it writes X-Forwarded-For from the
// socket for every request. Without it (a bare `next start`, `next dev`) the
// header is whatever the client sent, so the gateway forwards none.
const MARK = Symbol.for('dust.web.forwardedForFromSocket');

export function markForwardedForFromSocket(): void {
  (globalThis as Record<symbol, unknown>)[MARK] = true;
}

export function forwardedForIsFromSocket(): boolean {
  return (globalThis as Record<symbol, unknown>)[MARK] === true;
}
