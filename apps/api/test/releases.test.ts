// Releases and their downloads through app.inject on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DB_KINDS, type TestApp } from '../src/testing';

import { BuildWorker } from '../src/worker/build-worker';
import { addRelease, sampleGrouping } from './releases-fixtures';
import { readTarGz } from './releases-tar';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below
type Json = Record<string, any>;

for (const kind of DB_KINDS) {
  describe(`releases on ${kind}`, () => {
    let t: TestApp;
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers });

    before(async () => {
      t = await createTestApp(kind);
      await t.app.prisma.user.update({
        where: { id: t.admin.id },
        data: { email: 'admin@example.org' },
      });
    });
    after(() => t.close());

    test('release 0 is the empty baseline and has no series', async () => {
      const list = await get('/api/releases');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json().items.map((r: Json) => [r.number, r.flagCount, r.build]),
        [[0, 0, null]],
      );
      const zero = await get('/api/releases/0');
      assert.equal(zero.statusCode, 200);
      assert.equal(zero.json().series, null);
      assert.deepEqual(zero.json().grouping.flags, []);
      for (const path of ['series.mbox', 'series.tar.gz', 'patches/0000-cover-letter.patch']) {
        const res = await get(`/api/releases/0/${path}`);
        assert.equal(res.statusCode, 404, path);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
        assert.equal(res.json().type, 'urn:dust:problem:no-series');
        assert.match(res.json().detail, /empty baseline/);
      }
    });

    test('a release lists its series and build status, and serves each download once rendered', async () => {
      const { release } = await addRelease(t.app.prisma, sampleGrouping(), {
        authorId: t.admin.id,
        trailers: ['Acked-by: Bob <bob@example.org>'],
      });
      assert.equal(release.number, 1);
      const res = await get('/api/releases/1');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.number, 1);
      assert.equal(body.flagCount, 2);
      assert.deepEqual(body.build && [body.build.status, body.build.stages, body.build.log], [
        'queued',
        [],
        '',
      ]);
      assert.deepEqual(body.trailers, ['Acked-by: Bob <bob@example.org>']);
      assert.equal(body.series.version, 'v1');
      assert.equal(body.series.mbox, '/api/releases/1/series.mbox');
      assert.equal(body.series.files[0].name, '0000-cover-letter.patch');
      assert.equal(body.proposal.revision, 1);

      const mbox = await get('/api/releases/1/series.mbox');
      assert.equal(mbox.statusCode, 200);
      assert.equal(mbox.headers['content-type'], 'application/mbox');
      assert.equal(
        mbox.headers['content-disposition'],
        'attachment; filename="dust-release-1-v1.mbox"',
      );
      assert.equal(mbox.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(mbox.headers.etag as string, /^"[A-Za-z0-9_-]+-mbox"$/);
      assert.match(mbox.body, /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n/);
      assert.match(
        mbox.body,
        /Signed-off-by: admin <admin@example.org>\nAcked-by: Bob <bob@example.org>/,
      );
      assert.match(mbox.body, /\[PATCH v1 1\/\d+\]/);

      const tgz = await get('/api/releases/1/series.tar.gz');
      assert.equal(tgz.statusCode, 200);
      assert.equal(tgz.headers['content-type'], 'application/gzip');
      assert.equal(
        tgz.headers['content-disposition'],
        'attachment; filename="dust-release-1-v1.tar.gz"',
      );
      const inTar = readTarGz(tgz.rawPayload);
      // The tarball holds every patch plus the mbox, under one folder.
      assert.equal(inTar.get('series-v1/series.mbox'), mbox.body);
      assert.equal(inTar.size, body.series.files.length + 1);

      for (const file of body.series.files as { name: string; size: number; url: string }[]) {
        const patch = await get(file.url);
        assert.equal(patch.statusCode, 200, file.name);
        assert.equal(patch.headers['content-type'], 'text/x-diff; charset=utf-8');
        assert.equal(patch.headers['content-disposition'], `attachment; filename="${file.name}"`);
        assert.equal(Buffer.byteLength(patch.body), file.size);
        if (file.name !== '0000-cover-letter.patch') {
          const subject = /^Subject: .*$/m.exec(patch.body)?.[0];
          assert.ok(subject && mbox.body.includes(subject), `the mbox holds ${file.name}`);
        }
        const [tarName] = [...inTar.keys()].filter((n) => n.endsWith(file.name));
        assert.equal(inTar.get(tarName as string), patch.body);
      }
      // Each representation has its own validator.
      const tags = new Set([mbox.headers.etag, tgz.headers.etag]);
      assert.equal(tags.size, 2);
    });

    test('downloads are rendered once and revalidate with If-None-Match', async () => {
      const first = await get('/api/releases/1/series.mbox');
      const etag = first.headers.etag as string;
      for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await get('/api/releases/1/series.mbox', { 'if-none-match': inm });
        assert.equal(again.statusCode, 304, inm);
        assert.equal(again.body, '');
        assert.equal(again.headers.etag, etag);
        assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
      }
      const other = await get('/api/releases/1/series.mbox', {
        'if-none-match': '"something-else"',
      });
      assert.equal(other.statusCode, 200);
      assert.equal(other.body, first.body);
      const release = await t.app.prisma.release.findUniqueOrThrow({ where: { number: 1 } });
      assert.equal(
        await t.app.prisma.releaseArtifact.count({ where: { releaseId: release.id } }),
        1,
      );
    });

    test('bad release numbers and file names are clean 4xx problems', async () => {
      const cases: [string, number][] = [
        ['/api/releases/99', 404],
        ['/api/releases/99/series.mbox', 404],
        ['/api/releases/abc', 400],
        ['/api/releases/-1', 400],
        ['/api/releases/1e3', 400],
        ['/api/releases/01', 400],
        ['/api/releases/99999999999999999999', 400],
        ['/api/releases/1/patches/nope.patch', 404],
        ['/api/releases/1/patches/..%2F..%2Fetc%2Fpasswd', 404],
        // NUL is unstorable text in any field (docs/design.md, "Text"): 400, not a lookup.
        ['/api/releases/1/patches/%00', 400],
        ['/api/releases?limit=0', 400],
        ['/api/releases?limit=1000', 400],
        ['/api/releases?cursor=x', 400],
        ['/api/releases?unknown=1', 400],
      ];
      for (const [url, status] of cases) {
        const res = await get(url);
        assert.equal(res.statusCode, status, url);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, url);
        assert.doesNotMatch(res.body, /at .*\.ts:\d+/, 'no stack traces');
      }
    });

    test('the list pages newest first with a Link header', async () => {
      await addRelease(t.app.prisma, sampleGrouping(1), { authorId: t.admin.id });
      await addRelease(t.app.prisma, sampleGrouping(2), { authorId: t.admin.id });
      const page1 = await get('/api/releases?limit=2');
      assert.deepEqual(
        page1.json().items.map((r: Json) => r.number),
        [3, 2],
      );
      assert.equal(page1.json().nextCursor, 2);
      assert.equal(page1.headers.link, '</api/releases?limit=2&cursor=2>; rel="next"');
      const page2 = await get('/api/releases?limit=2&cursor=2');
      assert.deepEqual(
        page2.json().items.map((r: Json) => r.number),
        [1, 0],
      );
      assert.equal(page2.json().nextCursor, null);
      assert.equal(page2.headers.link, undefined);
    });

    test('the build verdict shows on the release: status, stage times, log, reason', async () => {
      // Jobs of releases 2 and 3 are left queued; the worker takes the oldest first.
      const worker = new BuildWorker({
        prisma: t.app.prisma,
        kernelTest: async ({ grouping }) => ({
          status: grouping.flags.length > 3 ? 'failed' : 'passed',
          ...(grouping.flags.length > 3 ? { reason: 'boot: MEMORY_0: mmap was killed' } : {}),
          stages: [
            { name: 'build', status: 'passed', seconds: 61.5 },
            {
              name: 'boot',
              status: grouping.flags.length > 3 ? 'failed' : 'passed',
              seconds: 3.25,
            },
          ],
          checkpatch: { errors: 0, warnings: 1, perPatch: [] },
          flags: grouping.flags.map((f) => ({ name: f.name, status: 'passed' })),
          checks: [],
        }),
      });
      for (let i = 0; i < 3; i++) await worker.runOnce();
      const one = (await get('/api/releases/1')).json();
      assert.equal(one.build.status, 'passed');
      assert.deepEqual(one.build.stages, [
        { name: 'build', status: 'passed', seconds: 61.5 },
        { name: 'boot', status: 'passed', seconds: 3.25 },
      ]);
      assert.deepEqual(one.build.checkpatch, { errors: 0, warnings: 1 });
      assert.equal(one.build.flags.length, 2);
      assert.match(one.build.log, /== boot: passed \(3\.3 s\) ==/);
      assert.ok(one.build.startedAt && one.build.finishedAt);
      const three = (await get('/api/releases/3')).json();
      assert.equal(three.build.status, 'failed');
      assert.equal(three.build.reason, 'boot: MEMORY_0: mmap was killed');
      const list = (await get('/api/releases')).json();
      assert.deepEqual(
        list.items.map((r: Json) => r.build?.status ?? null),
        ['failed', 'passed', 'passed', null],
      );
    });
  });
}
