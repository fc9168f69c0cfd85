// One text rule for every route (docs/design.md, "Text"): no string anywhere in
// a request's body, query or path parameters — keys included — may hold a NUL
// or a lone surrogate, which PostgreSQL cannot store. Checked before schema
// validation, so each route's schema only has to say what kind of text a field
// holds (one line, multi-line), and the answer is the same 400 on every route
// and both databases, with a diagnostic whose path points at the field.
import { findUnstorableText } from '@dust/model';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest } from '../../lib/problem';

const PARTS = [
  ['body', (r: FastifyRequest) => r.body],
  ['querystring', (r: FastifyRequest) => r.query],
  ['params', (r: FastifyRequest) => r.params],
] as const;

export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      for (const [part, read] of PARTS) {
        const value = read(request);
        // Raw bodies (the signed GitHub webhook) are bytes, not user text.
        if (Buffer.isBuffer(value)) continue;
        const found = findUnstorableText(value);
        if (!found) continue;
        throw badRequest(`The request ${part} holds text that cannot be stored.`, [
          {
            severity: 'error',
            code: 'SCHEMA',
            message: `${part} ${found.path || '(whole)'}: ${found.problem}.`,
            path: found.path,
          },
        ]);
      }
    });
  },
  { name: 'storable-text' },
);
