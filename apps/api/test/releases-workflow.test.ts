// The release half of the workflow through the API on both databases: preview a
// revision, approve it, download the release, get the build verdict; previews
// follow the baseline; invalid revisions have no series.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { BuildWorker } from '../src/worker/build-worker';
import type { KernelTestRequest } from '../src/worker/kernel-test-types';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

for (const kind of DB_KINDS) {
  describe(`release workflow on ${kind}`, () => {
    let t: TestApp;
    let alice: TestUser;
    let maria: TestUser;
    const tested: KernelTestRequest[] = [];
    let worker: BuildWorker;

    before(async () => {
      t = await createTestApp(kind);
      alice = await t.createUser('contributor', { name: 'alice', email: 'alice@example.org' });
      maria = await t.createUser('maintainer', { name: 'maria', email: 'maria@example.org' });
      worker = new BuildWorker({
        prisma: t.app.prisma,
        kernelTest: async (request) => {
          tested.push(request);
          return {
            status: 'passed',
            stages: [{ name: 'boot', status: 'passed', seconds: 2.5 }],
            checkpatch: { errors: 0, warnings: 0, perPatch: [] },
            flags: request.grouping.flags.map((f) => ({ name: f.name, status: 'passed' })),
            checks: [],
          };
        },
      });
    });
    after(() => t.close());

    const propose = async (flags: Parameters<typeof grouping>[0], title = 'Flags') => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: alice.auth,
        payload: { title, rationale: 'Because.', grouping: grouping(flags) },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers });

    test('preview, approve, download, build verdict', async () => {
      const id = await propose([FILE_READ]);
      const preview = await get(`/api/proposals/${id}/revisions/1/preview`);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.json().baseRelease, 0);
      assert.equal(preview.json().version, 'v1');
      assert.equal(preview.json().files[0].name, '0000-cover-letter.patch');
      const previewMbox = await get(preview.json().mbox);
      assert.equal(previewMbox.statusCode, 200);
      assert.equal(previewMbox.headers['cache-control'], 'public, no-cache');
      assert.match(previewMbox.body, /From: alice <alice@example.org>/);
      assert.equal(
        (await get(preview.json().mbox, { 'if-none-match': previewMbox.headers.etag as string }))
          .statusCode,
        304,
      );
      const patch = await get(preview.json().files[1].url);
      assert.equal(patch.statusCode, 200);
      assert.match(patch.body, /SECCOMP_FLAG_FILE_READ/);

      await t.app.inject({
        method: 'POST',
        url: `/api/proposals/${id}/revisions/1/reviews`,
        headers: maria.auth,
        payload: { verdict: 'ack', body: 'Looks right.' },
      });
      const approve = await t.app.inject({
        method: 'POST',
        url: `/api/proposals/${id}/revisions/1/approve`,
        headers: maria.auth,
      });
      assert.equal(approve.statusCode, 201, approve.body);
      assert.equal(approve.json().release, 1);

      const queued = (await get('/api/releases/1')).json();
      assert.equal(queued.build.status, 'queued');
      const mbox = await get(queued.series.mbox);
      assert.equal(mbox.statusCode, 200);
      assert.match(mbox.body, /Signed-off-by: alice <alice@example.org>/);
      assert.match(mbox.body, /Acked-by: maria <maria@example.org>/);

      assert.deepEqual(await worker.runOnce(), { jobId: queued.build.id, outcome: 'finished' });
      assert.equal(
        tested.at(-1)?.series.mbox,
        mbox.body,
        'the worker tests the bytes users download',
      );
      const built = (await get('/api/releases/1')).json();
      assert.equal(built.build.status, 'passed');
      assert.deepEqual(built.build.stages, [{ name: 'boot', status: 'passed', seconds: 2.5 }]);
      assert.deepEqual(built.build.flags, [{ name: 'FILE_READ', status: 'passed' }]);

      const events = (await get('/api/events?type=build&limit=100')).json().items;
      assert.deepEqual(
        events.map((e: { type: string }) => e.type),
        ['build.queued', 'build.started', 'build.finished'],
      );
    });

    test('a preview follows the baseline: re-rendered as the next version when it moves', async () => {
      const id = await propose([FILE_READ, CLOCK], 'Clocks too');
      const before = await get(`/api/proposals/${id}/revisions/1/preview`);
      assert.equal(before.statusCode, 200, before.body);
      assert.deepEqual([before.json().baseRelease, before.json().version], [1, 'v2']);
      const beforeMbox = await get(before.json().mbox);
      assert.match(beforeMbox.body, /\[PATCH v2 /);

      // Another proposal is approved first: release 2.
      const other = await propose([FILE_READ, TIMERS], 'Timers');
      const approve = await t.app.inject({
        method: 'POST',
        url: `/api/proposals/${other}/revisions/1/approve`,
        headers: maria.auth,
      });
      assert.equal(approve.statusCode, 201, approve.body);

      const after = await get(`/api/proposals/${id}/revisions/1/preview`);
      assert.deepEqual([after.json().baseRelease, after.json().version], [2, 'v3']);
      const afterMbox = await get(after.json().mbox, {
        'if-none-match': beforeMbox.headers.etag as string,
      });
      assert.equal(afterMbox.statusCode, 200, 'the old validator no longer matches');
      assert.notEqual(afterMbox.headers.etag, beforeMbox.headers.etag);
      assert.match(afterMbox.body, /\[PATCH v3 /);
    });

    test('an invalid revision has no preview: 422 with its diagnostics', async () => {
      const id = await propose([{ ...FILE_READ, syscalls: ['openat', 'opnat'] }], 'Typo');
      for (const path of [
        '',
        '/series.mbox',
        '/series.tar.gz',
        '/patches/0000-cover-letter.patch',
      ]) {
        const res = await get(`/api/proposals/${id}/revisions/1/preview${path}`);
        assert.equal(res.statusCode, 422, path);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
        assert.equal(res.json().type, 'urn:dust:problem:invalid-revision');
        assert.ok(
          res.json().diagnostics.some((d: { code: string }) => d.code === 'SYSCALL_UNKNOWN'),
          res.body,
        );
      }
    });

    test('previews of missing proposals or revisions are 404, bad ids 400', async () => {
      const id = await propose([FILE_READ, TIMERS], 'Exists');
      const cases: [string, number][] = [
        [`/api/proposals/${id}/revisions/9/preview`, 404],
        ['/api/proposals/999999/revisions/1/preview', 404],
        [`/api/proposals/${id}/revisions/1/preview/patches/nope`, 404],
        [`/api/proposals/${id}/revisions/0/preview`, 400],
        ['/api/proposals/x/revisions/1/preview', 400],
        [`/api/proposals/${id}/revisions/1/preview/series.zip`, 404],
      ];
      for (const [url, status] of cases) {
        const res = await get(url);
        assert.equal(res.statusCode, status, url);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, url);
      }
    });
  });
}
