// Rate limits on writes; reads are not limited. The login route sets a stricter
// limit in its route config. Requests carrying credentials are counted per
// credential (so users behind one proxy, such as the web app's server, do not
// share a budget); anonymous ones per client address (set DUST_TRUST_PROXY
// behind a proxy that sends X-Forwarded-For). Invented credentials gain
// nothing: they are refused with 401 before any work.
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { isSafeMethod } from '../../lib/safe-methods';
import { sha256 } from '../../lib/secrets';

function clientKey(request: FastifyRequest): string {
  // The plugin computes the key before it consults allowList; reads are never
  // limited, so they need no (hashed) key.
  if (isSafeMethod(request.method)) return 'read';
  const auth = request.headers.authorization;
  if (auth) return `token:${sha256(auth)}`;
  const session = request.cookies?.dust_session;
  if (session) return `session:${sha256(session)}`;
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
