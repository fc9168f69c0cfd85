import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, DB_KINDS, type TestApp } from '../src/testing';

for (const kind of DB_KINDS) {
  describe(`health and platform on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind);
    });
    after(() => t.close());

    it('reports the database kind', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok', db: kind });
    });

    it('seeds release 0, the empty baseline, through the migration', async () => {
      const releases = await t.app.prisma.release.findMany();
      assert.equal(releases.length, 1);
      const [release0] = releases;
      assert.ok(release0);
      assert.equal(release0.number, 0);
      assert.deepEqual((release0.grouping as { flags: unknown[] }).flags, []);
    });

    it('answers unknown routes with problem+json', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().status, 404);
    });

    it('serves the OpenAPI document and the docs UI', async () => {
      const spec = await t.app.inject({ method: 'GET', url: '/openapi.json' });
      assert.equal(spec.statusCode, 200);
      assert.ok(spec.json().paths['/api/health']);
      const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger/i);
    });

    it('sets security headers', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['content-security-policy']);
      assert.ok(res.headers['x-frame-options']);
    });
  });
}
