// What an approval leaves behind must always be a release that renders and is
// signed by the right person: one email rule for accounts and the renderer, a
// series rendered inside the approval (or a 409 naming why), a release summary
// that never depends on rendering, and authorship that survives a maintainer's rebase.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderRelease } from '../src/domain/approval/render-release';
import { ProblemError } from '../src/lib/problem';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

for (const kind of DB_KINDS) {
  describe(`approval integrity on ${kind}`, () => {
    let t: TestApp;
    let alice: TestUser;
    let mia: TestUser;

    before(async () => {
      t = await createTestApp(kind);
      alice = await t.createUser('contributor', { name: 'alice', email: 'alice@example.org' });
      mia = await t.createUser('maintainer', { name: 'mia', email: 'mia@example.org' });
    });
    after(() => t.close());

    const call = (method: 'GET' | 'POST', url: string, user?: TestUser, payload?: object) =>
      t.app.inject({
        method,
        url,
        ...(user ? { headers: user.auth } : {}),
        ...(payload ? { payload } : {}),
      });
    const baselineFlags = async () => (await call('GET', '/api/baseline')).json().grouping.flags;
    const propose = async (user: TestUser, flags: Parameters<typeof grouping>[0]) => {
      const res = await call('POST', '/api/proposals', user, {
        title: 'A proposal',
        rationale: '',
        grouping: grouping([...(await baselineFlags()), ...flags]),
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };

    it('accounts take only addresses the renderer can sign with', async () => {
      for (const email of ['m@foo-.com', 'm@-foo.com', 'm..x@foo.com', 'm@foo']) {
        const res = await call('POST', '/api/users', t.admin, {
          name: `odd${email.length}${email.charCodeAt(2)}`,
          role: 'contributor',
          email,
        });
        assert.equal(res.statusCode, 400, `${email}: ${res.body}`);
        assert.equal(res.json().diagnostics[0].path, '/email');
      }
    });

    it('an ack by an account with an unsignable stored email still gives a release that renders', async () => {
      // An address stored before the rule tightened (or written by hand).
      const odd = await t.createUser('contributor', { name: 'odd' });
      await t.app.prisma.user.update({ where: { id: odd.id }, data: { email: 'm@foo-.com' } });
      const id = await propose(alice, [FILE_READ]);
      const ack = await call('POST', `/api/proposals/${id}/revisions/1/reviews`, odd, {
        verdict: 'ack',
      });
      assert.equal(ack.statusCode, 201, ack.body);
      const approved = await call('POST', `/api/proposals/${id}/revisions/1/approve`, mia);
      assert.equal(approved.statusCode, 201, approved.body);
      const number = approved.json().release;
      assert.deepEqual(approved.json().trailers, ['Acked-by: odd <odd@users.dust.invalid>']);
      const stored = await t.app.prisma.release.findUniqueOrThrow({
        where: { number },
        include: { artifacts: true },
      });
      assert.equal(stored.artifacts.length, 1, 'the approval stored the series');
      const summary = await call('GET', `/api/releases/${number}`);
      assert.equal(summary.statusCode, 200, summary.body);
      assert.ok(summary.json().series);
      const mbox = await call('GET', `/api/releases/${number}/series.mbox`);
      assert.equal(mbox.statusCode, 200, mbox.body);
      assert.match(mbox.body, /^Acked-by: odd <odd@users\.dust\.invalid>$/m);
      assert.equal((await call('GET', `/api/releases/${number}/series.tar.gz`)).statusCode, 200);
    });

    it('a release whose series cannot be rendered keeps its summary; downloads say why', async () => {
      const id = await propose(alice, [CLOCK]);
      const approved = await call('POST', `/api/proposals/${id}/revisions/1/approve`, mia);
      assert.equal(approved.statusCode, 201, approved.body);
      const number = approved.json().release as number;
      // A release from before series were rendered at approval, with a grouping
      // today's renderer refuses.
      const release = await t.app.prisma.release.findUniqueOrThrow({ where: { number } });
      await t.app.prisma.releaseArtifact.deleteMany({ where: { releaseId: release.id } });
      await t.app.prisma.release.update({
        where: { id: release.id },
        data: { grouping: { ...grouping([CLOCK]), kernel: '2.4' } },
      });
      try {
        const summary = await call('GET', `/api/releases/${number}`);
        assert.equal(summary.statusCode, 200, summary.body);
        assert.equal(summary.json().series, null);
        for (const download of ['series.mbox', 'series.tar.gz']) {
          const res = await call('GET', `/api/releases/${number}/${download}`);
          assert.equal(res.statusCode, 409, `${download}: ${res.body}`);
          assert.equal(res.json().type, 'urn:dust:problem:series-unrenderable');
          assert.match(res.json().detail, /cannot be rendered/);
        }
      } finally {
        // It is the baseline: later tests build on it.
        await t.app.prisma.release.update({
          where: { id: release.id },
          data: { grouping: release.grouping as object },
        });
      }
    });

    it('an approval whose series the renderer refuses is a 409 and creates nothing', async () => {
      const before = await t.app.prisma.release.count();
      const error = await t.app.prisma
        .$transaction(async (tx) => {
          const release = await tx.release.create({
            data: { number: 9999, grouping: { ...grouping([]), kernel: '2.4' }, trailers: [] },
          });
          await renderRelease(tx, { ...release, author: { name: 'alice', email: null } });
        })
        .then(
          () => assert.fail('rendered a grouping for another kernel'),
          (err: unknown) => err,
        );
      assert.ok(error instanceof ProblemError, String(error));
      assert.equal(error.status, 409);
      assert.equal(error.type, 'urn:dust:problem:series-unrenderable');
      assert.equal(await t.app.prisma.release.count(), before, 'rolled back');
    });

    it("a maintainer's rebase keeps the proposal author's authorship in the series", async () => {
      const id = await propose(alice, [TIMERS]);
      // Another approval moves the baseline under alice's proposal.
      const other = await propose(mia, [{ ...CLOCK, name: 'CLOCK_B', bit: 8 }]);
      const moved = await call('POST', `/api/proposals/${other}/revisions/1/approve`, mia);
      assert.equal(moved.statusCode, 201, moved.body);
      const rebased = await call('POST', `/api/proposals/${id}/revisions/1/rebase`, mia);
      assert.equal(rebased.statusCode, 201, rebased.body);
      assert.equal(rebased.json().author.name, 'alice');
      const event = await t.app.prisma.event.findFirstOrThrow({
        where: { type: 'revision.created', proposalId: id },
        orderBy: { id: 'desc' },
        include: { actor: true },
      });
      assert.equal(event.actor?.name, 'mia', 'the rebaser is recorded as the actor');
      const approved = await call('POST', `/api/proposals/${id}/revisions/2/approve`, mia);
      assert.equal(approved.statusCode, 201, approved.body);
      const mbox = await call('GET', `/api/releases/${approved.json().release}/series.mbox`);
      assert.equal(mbox.statusCode, 200, mbox.body);
      assert.match(mbox.body, /^From: alice <alice@example\.org>$/m);
      assert.match(mbox.body, /^Signed-off-by: alice <alice@example\.org>$/m);
      assert.doesNotMatch(mbox.body, /^(From|Signed-off-by): mia/m);
    });
  });
}
