// "Never a 500 for a malformed request": every route of the OpenAPI document,
// with garbage path parameters, query strings and bodies, as anonymous, as a
// user and as an admin. Everything answers below 500, as problem+json when it fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';

const PARAMS = ['abc', '0', '-1', '1.5', '99999999999999999999', '%00', '%E2%82', 'x'.repeat(300)];
const QUERIES = [
  '',
  '?limit=0',
  '?limit=abc&limit=2',
  '?cursor=-5',
  '?against=nope',
  '?kernel=2.4&arch=%00',
  '?status[]=open',
  '?release=1e99',
];
const BODIES: (string | undefined)[] = [
  undefined,
  '',
  '{',
  '[]',
  'null',
  '42',
  '"x"',
  '{"a":1}',
  '{"grouping":{"flags":[{"bit":"x"}]}}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
];

describe('malformed requests never cause a 500 (PGlite)', () => {
  let t: TestApp;
  let user: TestUser;

  before(async () => {
    t = await createTestApp('pglite');
    user = await t.createUser('maintainer');
  });
  after(() => t.close());

  it('holds for every route', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    let requests = 0;
    for (const [template, ops] of Object.entries(spec.paths)) {
      for (const method of Object.keys(ops)) {
        for (const param of PARAMS) {
          const path = template.replace(/\{[^}]+\}/g, param);
          for (const [i, auth] of [undefined, user.auth, t.admin.auth].entries()) {
            const query = QUERIES[(requests + i) % QUERIES.length];
            const body = method === 'get' ? undefined : BODIES[requests % BODIES.length];
            const res = await t.app.inject({
              method: method.toUpperCase() as 'GET',
              url: path + query,
              headers: {
                ...(auth ?? {}),
                ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              },
              ...(body !== undefined ? { payload: body } : {}),
            });
            requests += 1;
            assert.ok(
              res.statusCode < 500,
              `${method} ${path}${query} ${body ?? ''} → ${res.statusCode} ${res.body}`,
            );
            if (res.statusCode >= 400) {
              assert.match(
                String(res.headers['content-type']),
                /^application\/problem\+json/,
                `${method} ${path}`,
              );
            }
          }
        }
      }
    }
    assert.ok(requests > 500);
  });
});
