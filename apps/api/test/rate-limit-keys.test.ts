// Rate-limit buckets cannot be multiplied: a made-up credential counts against
// the client's address, and the address comes from X-Forwarded-For only through
// the proxy hops DUST_TRUST_PROXY names, so a client cannot claim another.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config';
import { createTestApp, type TestApp } from '../src/testing';

const invented = () => `dust_session=${randomBytes(24).toString('base64url')}`;

describe('rate-limit keys (PGlite)', () => {
  let t: TestApp;
  let proxied: TestApp;

  before(async () => {
    const rateLimit = { writesPerMinute: 5, loginPerMinute: 3 };
    t = await createTestApp('pglite', { rateLimit });
    proxied = await createTestApp('pglite', { rateLimit, trustProxy: 1 });
  });
  after(async () => {
    await proxied.close();
    await t.close();
  });

  const login = (app: TestApp, headers: Record<string, string>, remoteAddress: string) =>
    app.app.inject({
      method: 'POST',
      url: '/api/session',
      headers,
      remoteAddress,
      payload: { name: 'admin', password: 'not the password' },
    });

  it('a fresh invented session cookie per attempt buys no fresh login budget', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await login(t, { cookie: invented() }, '10.9.0.1')).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 429, 429, 429]);
  });

  it('anonymous writes with invented cookies share the address budget', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/validate',
        headers: { cookie: invented() },
        remoteAddress: '10.9.0.2',
        payload: { grouping: {} },
      });
      codes.push(res.statusCode);
    }
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 429, 429]);
  });

  it('without a trusted proxy, X-Forwarded-For is ignored', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await login(t, { 'x-forwarded-for': `10.8.0.${i}` }, '10.9.0.3');
      codes.push(res.statusCode);
    }
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
  });

  it('behind one trusted hop, the address that hop saw decides; the client cannot claim one', async () => {
    // The web server appends the address it saw; whatever the client put before it is ignored.
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await login(
        proxied,
        { 'x-forwarded-for': `203.0.113.${i}, 10.7.0.1` },
        '127.0.0.1',
      );
      codes.push(res.statusCode);
    }
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
    // Another visitor behind the same web server has a budget of its own.
    const other = await login(proxied, { 'x-forwarded-for': '10.7.0.2' }, '127.0.0.1');
    assert.equal(other.statusCode, 401);
  });

  it('DUST_TRUST_PROXY takes off, a hop count or addresses, and refuses "trust everything"', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ DUST_TRUST_PROXY: 'off' }).trustProxy, false);
    assert.equal(loadConfig({ DUST_TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ DUST_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy, [
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    for (const bad of ['on', 'true', 'proxy.example.org'])
      assert.throws(() => loadConfig({ DUST_TRUST_PROXY: bad }), ConfigError, bad);
  });
});
