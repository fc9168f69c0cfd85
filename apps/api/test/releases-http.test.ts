// Downloads over real HTTP (the app listening on a loopback port): bytes,
// headers, conditional requests and HEAD, as curl or git would see them.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../src/testing';
import { addRelease, sampleGrouping } from './releases-fixtures';
import { readTarGz } from './releases-tar';

describe('release downloads over HTTP', () => {
  let t: TestApp;
  let base: string;

  before(async () => {
    t = await createTestApp('pglite');
    await addRelease(t.app.prisma, sampleGrouping(), { authorId: t.admin.id });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  test('mbox, tarball and patches arrive intact with their headers', async () => {
    const release = (await (await fetch(`${base}/api/releases/1`)).json()) as {
      series: { mbox: string; tarGz: string; files: { name: string; size: number; url: string }[] };
    };
    const mbox = await fetch(`${base}${release.series.mbox}`);
    assert.equal(mbox.status, 200);
    assert.equal(mbox.headers.get('content-type'), 'application/mbox');
    assert.equal(
      mbox.headers.get('content-disposition'),
      'attachment; filename="dust-release-1-v1.mbox"',
    );
    assert.equal(mbox.headers.get('x-content-type-options'), 'nosniff');
    const mboxText = await mbox.text();
    assert.equal(Number(mbox.headers.get('content-length')), Buffer.byteLength(mboxText));
    assert.match(mboxText, /^From [0-9a-f]{40} /);

    const tgz = await fetch(`${base}${release.series.tarGz}`);
    assert.equal(tgz.status, 200);
    const tarBytes = Buffer.from(await tgz.arrayBuffer());
    assert.equal(Number(tgz.headers.get('content-length')), tarBytes.length);
    const files = readTarGz(tarBytes);
    assert.equal(files.get('series-v1/series.mbox'), mboxText);

    for (const file of release.series.files) {
      const res = await fetch(`${base}${file.url}`);
      const body = await res.text();
      assert.equal(res.status, 200);
      assert.equal(Buffer.byteLength(body), file.size);
      assert.equal(files.get(`series-v1/${file.name}`), body);
    }
  });

  test('conditional GET and HEAD', async () => {
    const url = `${base}/api/releases/1/series.mbox`;
    const first = await fetch(url);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') as string;
    const cached = await fetch(url, { headers: { 'if-none-match': etag } });
    assert.equal(cached.status, 304);
    assert.equal((await cached.arrayBuffer()).byteLength, 0);
    assert.equal(cached.headers.get('etag'), etag);

    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), etag);
    assert.equal(head.headers.get('content-type'), 'application/mbox');
    assert.equal((await head.arrayBuffer()).byteLength, 0);
  });

  test('parallel first downloads of a new release render and store it once', async () => {
    // A release from before approvals stored their series: rendered on first request.
    await addRelease(t.app.prisma, sampleGrouping(1), { authorId: t.admin.id, render: false });
    const bodies = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const res = await fetch(`${base}/api/releases/2/series.mbox`);
        assert.equal(res.status, 200);
        return res.text();
      }),
    );
    assert.equal(new Set(bodies).size, 1);
    const release = await t.app.prisma.release.findUniqueOrThrow({ where: { number: 2 } });
    assert.equal(await t.app.prisma.releaseArtifact.count({ where: { releaseId: release.id } }), 1);
  });
});
