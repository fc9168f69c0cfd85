// Cached public reads (GET /api/baseline, GET /api/proposals) never serve data
// older than the last committed write: on one instance (PGlite and PostgreSQL)
// and across two instances sharing one PostgreSQL database. Plus ETag/304.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { ReadCache } from '../src/lib/read-cache';
import {
  createPostgresDatabase,
  createTestApp,
  DB_KINDS,
  type TestApp,
  testConfig,
} from '../src/testing';
import { CLOCK, FILE_READ, grouping } from './fixtures';

async function propose(app: FastifyInstance, auth: object, title: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/proposals',
    headers: auth as Record<string, string>,
    payload: { title, rationale: 'Cache test.', grouping: grouping([FILE_READ, CLOCK]) },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}

async function approve(app: FastifyInstance, auth: object, id: number) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/proposals/${id}/revisions/1/approve`,
    headers: auth as Record<string, string>,
  });
  assert.equal(res.statusCode < 300, true, res.body);
}

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

const titles = (res: { json(): unknown }) =>
  (res.json() as { items: { title: string }[] }).items.map((p) => p.title);

for (const kind of DB_KINDS) {
  describe(`read cache on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind);
    });
    after(() => t.close());

    it('serves the baseline with an ETag and answers 304 to a matching If-None-Match', async () => {
      const first = await get(t.app, '/api/baseline');
      assert.equal(first.statusCode, 200);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal(first.headers['cache-control'], 'no-cache');
      assert.equal(first.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(first.headers['x-content-type-options'], 'nosniff');

      const again = await get(t.app, '/api/baseline', { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      const weakList = await get(t.app, '/api/baseline', { 'if-none-match': `"x", W/${etag}` });
      assert.equal(weakList.statusCode, 304);
      const other = await get(t.app, '/api/baseline', { 'if-none-match': '"something-else"' });
      assert.equal(other.statusCode, 200);
      assert.deepEqual(other.json(), first.json());
    });

    it('shows a new proposal and a new baseline right after the write', async () => {
      const before = await get(t.app, '/api/baseline');
      const releaseBefore = before.json().release as number;
      assert.deepEqual(titles(await get(t.app, '/api/proposals')), []);

      const id = await propose(t.app, t.admin.auth, 'first cached');
      assert.deepEqual(titles(await get(t.app, '/api/proposals')), ['first cached']);

      await approve(t.app, t.admin.auth, id);
      const after = await get(t.app, '/api/baseline', {
        'if-none-match': before.headers.etag as string,
      });
      assert.equal(after.statusCode, 200, 'the old ETag no longer matches');
      assert.equal(after.json().release, releaseBefore + 1);
      assert.deepEqual(
        after.json().grouping.flags.map((f: { name: string }) => f.name),
        ['FILE_READ', 'CLOCK'],
      );
      const list = (await get(t.app, '/api/proposals')).json();
      assert.equal(list.items[0].status, 'approved');
    });

    it('keeps pages apart by query and recomputes the Link header per request', async () => {
      await propose(t.app, t.admin.auth, 'second cached');
      await propose(t.app, t.admin.auth, 'third cached');
      const page = await get(t.app, '/api/proposals?limit=1');
      assert.deepEqual(titles(page), ['third cached']);
      assert.match(
        page.headers.link as string,
        /^<\/api\/proposals\?limit=1&cursor=\d+>; rel="next"$/,
      );
      const cursor = page.json().nextCursor as number;
      const next = await get(t.app, `/api/proposals?cursor=${cursor}&limit=1`);
      assert.deepEqual(titles(next), ['second cached']);
      assert.equal(
        next.headers.link,
        `</api/proposals?cursor=${next.json().nextCursor}&limit=1>; rel="next"`,
      );
      assert.deepEqual(titles(await get(t.app, '/api/proposals?status=approved')), [
        'first cached',
      ]);
      const all = await get(t.app, '/api/proposals');
      assert.equal(all.headers.link, undefined);
      assert.deepEqual(titles(all), ['third cached', 'second cached', 'first cached']);
    });

    it('changes the data version on writes only', async () => {
      const v1 = await t.app.db.dataVersion();
      await get(t.app, '/api/proposals?limit=2');
      await t.app.prisma.proposal.count();
      assert.equal(await t.app.db.dataVersion(), v1, 'reads leave the version alone');
      await propose(t.app, t.admin.auth, 'fourth cached');
      assert.notEqual(await t.app.db.dataVersion(), v1);
    });
  });
}

describe('read cache across two API instances sharing PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let auth: Record<string, string>;
  before(async () => {
    db = await createPostgresDatabase();
    const config = testConfig({ database: { kind: 'postgres', url: db.url } });
    auth = { authorization: `Bearer ${config.bootstrapToken}` };
    a = await buildApp(config);
    b = await buildApp(config);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await db.drop();
  });

  it('serves on one instance what the other wrote', async () => {
    const baseline = await get(a, '/api/baseline');
    assert.deepEqual(titles(await get(a, '/api/proposals')), []);

    const id = await propose(b, auth, 'written on b');
    assert.deepEqual(titles(await get(a, '/api/proposals')), ['written on b']);

    await approve(b, auth, id);
    const after = await get(a, '/api/baseline', {
      'if-none-match': baseline.headers.etag as string,
    });
    assert.equal(after.statusCode, 200);
    assert.equal(after.json().release, baseline.json().release + 1);
  });

  it('refuses on one instance a token revoked on the other', async () => {
    const created = await a.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: auth,
      payload: { name: 'short-lived' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { id, token } = created.json() as { id: number; token: string };
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await get(a, '/api/me', bearer)).statusCode, 200);
    assert.equal((await get(a, '/api/baseline', bearer)).statusCode, 200);
    const revoked = await b.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: auth });
    assert.equal(revoked.statusCode, 204);
    assert.equal((await get(a, '/api/me', bearer)).statusCode, 401);
    assert.equal((await get(a, '/api/baseline', bearer)).statusCode, 401);
  });
});

describe('ReadCache', () => {
  it('renders once per data version, sharing concurrent misses', async () => {
    let version = 1;
    let renders = 0;
    const cache = new ReadCache(async () => String(version));
    const render = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { body: JSON.stringify({ version, renders }), meta: renders };
    };
    const [x, y] = await Promise.all([cache.get('k', render), cache.get('k', render)]);
    assert.equal(renders, 1);
    assert.equal(x, y);
    assert.equal((await cache.get('k', render)).body, x.body);
    version = 2;
    const z = await cache.get('k', render);
    assert.equal(renders, 2);
    assert.notEqual(z.etag, x.etag);
    assert.equal(z.meta, 2);
  });

  it('never serves an entry rendered under an older version, and stays bounded', async () => {
    let version = 0;
    const cache = new ReadCache(async () => String(version), 2);
    const render = (key: string) => async () => ({ body: `${key}@${version}`, meta: undefined });
    await cache.get('a', render('a'));
    await cache.get('b', render('b'));
    await cache.get('c', render('c'));
    let rendered = false;
    const again = await cache.get('a', async () => {
      rendered = true;
      return { body: 'a@0 again', meta: undefined };
    });
    assert.equal(rendered, true, 'the oldest entry was evicted');
    assert.equal(again.body, 'a@0 again');
    version = 1;
    assert.equal((await cache.get('c', render('c'))).body, 'c@1');
  });
});
