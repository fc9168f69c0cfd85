// Bad input and abuse: strict schemas, malformed JSON, body limits, content
// types, ids out of range, auth failures, tokens, cookie sessions with CSRF,
// rate limits, security headers; always problem+json, never a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';

function assertProblem(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  assert.equal(typeof body.type, 'string');
  assert.doesNotMatch(res.body, /\bat .+\.(ts|js):\d+|node_modules|stack/i, 'no stack trace');
  return body;
}

for (const kind of DB_KINDS) {
  describe(`bad input and auth on ${kind}`, () => {
    let t: TestApp;
    let alice: TestUser;

    before(async () => {
      t = await createTestApp(kind);
      alice = await t.createUser('contributor', {
        name: 'alice',
        password: 'correct horse battery',
      });
    });
    after(() => t.close());

    const proposal = { title: 'Files', rationale: '', grouping: grouping([FILE_READ]) };

    it('rejects unknown fields with 400 and diagnostics', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: alice.auth,
        payload: { ...proposal, admin: true },
      });
      const body = assertProblem(res, 400);
      assert.ok(body.diagnostics.length > 0);
      assert.equal(body.diagnostics[0].code, 'SCHEMA');
      const nested = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: alice.auth,
        payload: { ...proposal, grouping: { ...proposal.grouping, extra: 1 } },
      });
      assertProblem(nested, 400);
      assert.equal(await t.app.prisma.proposal.count(), 0, 'nothing was stored');
    });

    it('malformed JSON is a 400, not a 500', async () => {
      for (const payload of [
        '{"title": ',
        '{"__proto__": {"x": 1}}',
        'null',
        '[]',
        '"str"',
        '\u0000',
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/proposals',
          headers: { ...alice.auth, 'content-type': 'application/json' },
          payload,
        });
        assertProblem(res, 400);
      }
    });

    it('oversized bodies get 413, other content types 415', async () => {
      const big = await t.app.inject({
        method: 'POST',
        url: '/api/validate',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ grouping: 'x'.repeat(t.config.bodyLimit + 1) }),
      });
      assertProblem(big, 413);
      const text = await t.app.inject({
        method: 'POST',
        url: '/api/validate',
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      });
      assertProblem(text, 415);
    });

    it('ids out of range or not numbers are 400; unknown ones 404', async () => {
      assertProblem(await t.app.inject({ method: 'GET', url: '/api/proposals/abc' }), 400);
      assertProblem(
        await t.app.inject({ method: 'GET', url: '/api/proposals/99999999999999' }),
        400,
      );
      assertProblem(await t.app.inject({ method: 'GET', url: '/api/proposals/-1' }), 400);
      assertProblem(await t.app.inject({ method: 'GET', url: '/api/proposals/4242' }), 404);
      assertProblem(await t.app.inject({ method: 'GET', url: '/api/proposals?limit=100000' }), 400);
      assertProblem(await t.app.inject({ method: 'GET', url: '/api/proposals?status=bogus' }), 400);
      assertProblem(await t.app.inject({ method: 'GET', url: '/api/events?cursor=x' }), 400);
    });

    it('an empty JSON body is accepted where no body is expected', async () => {
      const mia = await t.createUser('maintainer');
      const p = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: alice.auth,
        payload: proposal,
      });
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/proposals/${p.json().id}/revisions/1/approve`,
        headers: { ...mia.auth, 'content-type': 'application/json' },
        payload: '',
      });
      assert.equal(res.statusCode, 201, res.body);
    });

    it('validates anything without an account', async () => {
      const garbage = await t.app.inject({
        method: 'POST',
        url: '/api/validate',
        payload: { grouping: { flags: 3 } },
      });
      assert.equal(garbage.statusCode, 200);
      assert.equal(garbage.json().valid, false);
      assert.ok(garbage.json().diagnostics.every((d: { code: string }) => d.code === 'SCHEMA'));
      const incompatible = await t.app.inject({
        method: 'POST',
        url: '/api/validate',
        payload: { grouping: grouping([]), baseline: 'current' },
      });
      assert.equal(
        incompatible.json().valid,
        false,
        'release 1 has FILE_READ; dropping it is incompatible',
      );
      assert.ok(
        incompatible
          .json()
          .diagnostics.some((d: { code: string }) => d.code === 'COMPAT_FLAG_REMOVED'),
      );
      assertProblem(
        await t.app.inject({
          method: 'POST',
          url: '/api/validate',
          payload: { grouping: {}, baseline: 77 },
        }),
        404,
      );
    });

    it('401 for bad tokens, 403 for roles', async () => {
      assertProblem(
        await t.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: 'Bearer dust_nope' },
        }),
        401,
      );
      const malformed = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { authorization: 'Basic abc' },
      });
      assertProblem(malformed, 401);
      assert.match(String(malformed.headers['www-authenticate']), /Bearer/);
      const denied = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: alice.auth,
        payload: { name: 'eve', role: 'admin' },
      });
      assertProblem(denied, 403);
      assertProblem(
        await t.app.inject({
          method: 'POST',
          url: '/api/users',
          payload: { name: 'eve', role: 'admin' },
        }),
        401,
      );
    });

    it('admins create accounts; names are checked and unique', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: t.admin.auth,
        payload: { name: 'bad name <x>', role: 'contributor' },
      });
      assertProblem(bad, 400);
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: t.admin.auth,
        payload: { name: 'alice', role: 'contributor' },
      });
      assertProblem(dup, 409);
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: t.admin.auth });
      assert.deepEqual(
        { ...(me.json() as object), id: 0 },
        { id: 0, name: 'admin', role: 'admin', auth: 'token', csrfToken: null },
      );
    });

    it('API tokens: created, listed without the secret, stored hashed, revoked', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: alice.auth,
        payload: { name: 'ci' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { id, token } = created.json();
      const stored = await t.app.prisma.apiToken.findUniqueOrThrow({ where: { id } });
      assert.notEqual(stored.hash, token);
      assert.ok(!stored.hash.includes(token));
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/tokens',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(list.statusCode, 200);
      assert.ok(
        list.json().every((x: Record<string, unknown>) => !('token' in x) && !('hash' in x)),
      );
      const bob = await t.createUser('contributor');
      assertProblem(
        await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: bob.auth }),
        404,
      );
      const revoked = await t.app.inject({
        method: 'DELETE',
        url: `/api/tokens/${id}`,
        headers: alice.auth,
      });
      assert.equal(revoked.statusCode, 204);
      assertProblem(
        await t.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: `Bearer ${token}` },
        }),
        401,
      );
    });

    it('cookie sessions: login, CSRF on writes, logout', async () => {
      assertProblem(
        await t.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { name: 'alice', password: 'wrong password!' },
        }),
        401,
      );
      assertProblem(
        await t.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { name: 'nobody', password: 'whatever it is' },
        }),
        401,
      );
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { name: 'alice', password: 'correct horse battery' },
      });
      assert.equal(login.statusCode, 200, login.body);
      const session = login.cookies.find((c) => c.name === 'dust_session');
      const csrfCookie = login.cookies.find((c) => c.name === 'dust_csrf');
      assert.ok(session && csrfCookie);
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Lax');
      assert.equal(csrfCookie.value, login.json().csrfToken);
      const cookie = `dust_session=${session.value}`;

      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      assert.equal(me.json().name, 'alice');
      assert.equal(me.json().csrfToken, login.json().csrfToken);

      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: { cookie },
        payload: proposal,
      });
      assertProblem(noCsrf, 403);
      const wrongCsrf = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: { cookie, 'x-csrf-token': 'forged' },
        payload: proposal,
      });
      assertProblem(wrongCsrf, 403);
      const withCsrf = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: { cookie, 'x-csrf-token': me.json().csrfToken },
        payload: {
          ...proposal,
          grouping: (await t.app.inject({ method: 'GET', url: '/api/baseline' })).json().grouping,
        },
      });
      assert.equal(withCsrf.statusCode, 201, withCsrf.body);

      const logout = await t.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie, 'x-csrf-token': me.json().csrfToken },
      });
      assert.equal(logout.statusCode, 204);
      assertProblem(
        await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }),
        401,
      );
    });

    it('sends security headers and no x-powered-by', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/baseline' });
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
      assert.match(String(res.headers['strict-transport-security']), /max-age/);
      assert.equal(res.headers['x-powered-by'], undefined);
    });
  });
}

describe('rate limits (PGlite)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('pglite', { rateLimit: { writesPerMinute: 3, loginPerMinute: 2 } });
  });
  after(() => t.close());

  it('limits writes per client with 429 problem+json; reads are not limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/validate',
        payload: { grouping: {} },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) {
        assertProblem(res, 429);
        assert.ok(res.headers['retry-after']);
      }
    }
    assert.deepEqual(codes, [200, 200, 200, 429]);
    for (let i = 0; i < 10; i++) {
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/baseline' })).statusCode, 200);
    }
  });

  it('counts each credential separately, even from one address', async () => {
    const alice = await t.createUser('contributor');
    const bob = await t.createUser('contributor');
    const post = (user: TestUser) =>
      t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: user.auth,
        payload: {},
        remoteAddress: '10.0.0.7',
      });
    const aliceCodes = [];
    for (let i = 0; i < 4; i++) aliceCodes.push((await post(alice)).statusCode);
    assert.deepEqual(aliceCodes, [201, 201, 201, 429]);
    assert.equal((await post(bob)).statusCode, 201);
  });

  it('limits login attempts more strictly', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '10.0.0.9',
        payload: { name: 'admin', password: 'guess guess guess' },
      });
      codes.push(res.statusCode);
    }
    assert.deepEqual(codes, [401, 401, 429]);
  });
});
