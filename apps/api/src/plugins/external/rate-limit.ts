// Rate limits on writes (per client address); reads are not limited. The login
// route sets a stricter limit in its route config.
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { Config } from '../../config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(rateLimit, {
      global: true,
      max: config.rateLimit.writesPerMinute,
      timeWindow: '1 minute',
      allowList: (request) => SAFE_METHODS.has(request.method),
    });
  },
  { name: 'rate-limit' },
);
