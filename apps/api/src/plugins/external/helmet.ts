// Security headers on every response (CSP, nosniff, frame denial, HSTS, …).
//
// With this configuration helmet's headers never depend on the request, so
// helmet runs once, at startup, into a recorder, and every response gets the
// recorded headers. (@fastify/helmet rebuilt helmet's middleware, parsing the
// CSP directives again, on every request: about 8 % of the CPU time of a cached
// GET /api/baseline.)
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

const OPTIONS: HelmetOptions = {
  // The API serves JSON; /docs sets its own CSP for swagger-ui's assets (staticCSP).
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'same-site' },
};

/** The headers helmet sets for `options` (helmet's middleware runs synchronously). */
export function securityHeaders(options: HelmetOptions): Map<string, string> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers.set(name.toLowerCase(), String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously; headers would be missing');
  return headers;
}

export default fp(
  async (app) => {
    const headers = [...securityHeaders(OPTIONS)];
    app.addHook('onRequest', (_request, reply, done) => {
      // On the raw response, as helmet does: routes and plugins (swagger-ui's
      // CSP for /docs) can still replace a header through the reply.
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
  },
  { name: 'helmet' },
);
