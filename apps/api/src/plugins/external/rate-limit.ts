// Rate limits on writes; reads are not limited. The login route sets a stricter
// limit in its route config. A request whose credential is valid is counted per
// user (so users behind one proxy, such as the web app's server, do not share a
// budget); every other request per client address, so an invented token or
// session cookie buys no fresh budget. The limiter runs as a route hook, after
// the auth plugin's onRequest hook has resolved request.user. Client addresses
// come from X-Forwarded-For only through the proxy hops DUST_TRUST_PROXY names
// (config.ts), so a client cannot claim another address.
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { isSafeMethod } from '../../lib/safe-methods';

export function clientKey(request: FastifyRequest): string {
  // The plugin computes the key before it consults allowList; reads are never
  // limited, so they need no key.
  if (isSafeMethod(request.method)) return 'read';
  if (request.user) return `user:${request.user.id}`;
  return `ip:${request.ip}`;
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(rateLimit, {
      global: true,
      max: config.rateLimit.writesPerMinute,
      timeWindow: '1 minute',
      allowList: (request) => isSafeMethod(request.method),
      keyGenerator: clientKey,
    });
  },
  { name: 'rate-limit', dependencies: ['cookie'] },
);
