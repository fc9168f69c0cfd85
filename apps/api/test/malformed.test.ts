// "Never a 500 for a malformed request": every route of the OpenAPI document,
// on both databases, with garbage and hostile path parameters, query strings,
// bodies and headers (NUL, lone surrogates, bidi controls, huge, 10 000 deep,
// __proto__, wrong types, wrong charsets), as anonymous, as a user and as an
// admin. Everything answers below 500, as problem+json when it fails, and a
// refused request writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';

const PARAMS = [
  'abc',
  '0',
  '-1',
  '1.5',
  '99999999999999999999',
  '%00',
  '%E2%82',
  '%ED%A0%80',
  '%E2%80%AE1',
  'x'.repeat(300),
];
const QUERIES = [
  '',
  '?limit=0',
  '?limit=abc&limit=2',
  '?cursor=-5',
  '?against=nope',
  '?kernel=2.4&arch=%00',
  '?status[]=open',
  '?release=1e99',
  '?author=%00&flag=%00x',
  '?actor=%ED%A0%80',
  '?__proto__[x]=1&constructor=1',
  `?syscall=${'x'.repeat(5000)}`,
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
  '{"title":"a\\u0000b","body":"x\\u0000","name":"n\\u0000","grouping":{"flags":[{"description":"\\u0000"}]}}',
  '{"title":"\\ud800","body":"\\udfff","reason":"\\ud800","changelog":"\\ud800"}',
  '{"title":"Files \\u202e evil","name":"tok\\u2066en","reason":"zero\\u200bwidth","verdict":"ack"}',
  '{"\\u0000":1}',
  `{"grouping":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  `{"body":"${'x'.repeat(900_000)}"}`,
  '{"verdict":["ack"],"body":{"a":1},"revision":"1","flag":42}',
  '{"grouping":{"schema":"dust.grouping/v1","kernel":"6.1","flags":[{"name":"A","bit":1e400,"description":"d","syscalls":[]}]}}',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
];

/** One number that changes whenever anything is written. */
async function writes(t: TestApp): Promise<string> {
  const [row] = await t.app.prisma.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM "Event") AS events, (SELECT count(*) FROM "User") AS users,
           (SELECT count(*) FROM "Proposal") AS proposals, (SELECT count(*) FROM "Revision") AS revisions,
           (SELECT count(*) FROM "Comment") AS comments, (SELECT count(*) FROM "Review") AS reviews,
           (SELECT count(*) FROM "ApiToken") AS tokens, (SELECT count(*) FROM "Release") AS releases`;
  return JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
}

for (const kind of DB_KINDS) {
  describe(`malformed and hostile requests never cause a 500 (${kind})`, () => {
    let t: TestApp;
    let user: TestUser;

    before(async () => {
      t = await createTestApp(kind);
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
              const contentType = CONTENT_TYPES[Math.floor(requests / 7) % CONTENT_TYPES.length];
              const before = await writes(t);
              const res = await t.app.inject({
                method: method.toUpperCase() as 'GET',
                url: path + query,
                headers: {
                  ...(auth ?? {}),
                  ...(body !== undefined ? { 'content-type': contentType } : {}),
                },
                ...(body !== undefined ? { payload: body } : {}),
              });
              requests += 1;
              const what = `${method} ${path}${query} ${body?.slice(0, 120) ?? ''}`;
              assert.ok(res.statusCode < 500, `${what} → ${res.statusCode} ${res.body}`);
              if (res.statusCode >= 400) {
                assert.match(
                  String(res.headers['content-type']),
                  /^application\/problem\+json/,
                  what,
                );
                assert.equal(await writes(t), before, `${what} was refused but wrote`);
              }
            }
          }
        }
      }
      assert.ok(requests > 500);
    });

    it('survives invalid UTF-8 bytes and huge headers', async () => {
      const before = await writes(t);
      for (const payload of [
        Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        Buffer.from('{"title":"\xed\xa0\x80"}', 'latin1'),
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/proposals',
          headers: { ...user.auth, 'content-type': 'application/json' },
          payload,
        });
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
      const big = await t.app.inject({
        method: 'GET',
        url: '/api/proposals',
        headers: { 'if-none-match': `"${'x'.repeat(8000)}"`, 'x-csrf-token': '\u202e' },
      });
      assert.ok(big.statusCode < 500, `${big.statusCode}`);
      assert.equal(await writes(t), before);
    });
  });
}
