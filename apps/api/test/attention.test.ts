// "Your turn" (GET /api/me/attention): one test per reason, each showing the
// item appear when the caller's move is due and leave once it is made.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

for (const kind of DB_KINDS) {
  describe(`your turn on ${kind}`, () => {
    let t: TestApp;
    let alice: TestUser;
    let bob: TestUser;
    let mia: TestUser;

    const call = (method: 'GET' | 'POST', url: string, user?: TestUser, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        ...(user ? { headers: user.auth } : {}),
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
    const ok = async (method: 'GET' | 'POST', url: string, user: TestUser, payload?: unknown) => {
      const res = await call(method, url, user, payload);
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    let n = 0;
    /** A proposal by alice on the current baseline (release 0 until the last test). */
    const propose = async (flags = [FILE_READ]) =>
      (
        await ok('POST', '/api/proposals', alice, {
          title: `Proposal ${++n}`,
          rationale: '',
          grouping: grouping(flags),
        })
      ).id as number;
    const revise = (id: number, flags = [FILE_READ, TIMERS]) =>
      ok('POST', `/api/proposals/${id}/revisions`, alice, {
        grouping: grouping(flags),
        changelog: 'Next',
      });
    const review = (id: number, revision: number, verdict: string, user = bob) =>
      ok('POST', `/api/proposals/${id}/revisions/${revision}/reviews`, user, {
        verdict,
        body: verdict,
      });
    const attention = async (user: TestUser) => {
      const body = await ok('GET', '/api/me/attention', user);
      assert.equal(body.count, body.items.length);
      return body.items as { proposal: { id: number }; reason: string; since: string }[];
    };
    const reasons = async (user: TestUser, id: number) =>
      (await attention(user))
        .filter((i) => i.proposal.id === id)
        .map((i) => i.reason)
        .sort();

    before(async () => {
      // 12 hours: a period that starts ends within the day, so it is "ending".
      t = await createTestApp(kind, { fcpHours: 12 });
      alice = await t.createUser('contributor');
      bob = await t.createUser('contributor');
      mia = await t.createUser('maintainer');
    });
    after(() => t.close());

    it('needs a signed-in caller', async () => {
      assert.equal((await call('GET', '/api/me/attention')).statusCode, 401);
      assert.deepEqual(await attention(alice), []);
    });

    it('review-on-your-proposal: a NAK, concern or comment since your latest revision', async () => {
      const id = await propose();
      await review(id, 1, 'ack');
      assert.deepEqual(await reasons(alice, id), [], 'an ack asks nothing of the author');
      const comment = await ok('POST', `/api/proposals/${id}/comments`, bob, { body: 'Why?' });
      const items = (await attention(alice)).filter((i) => i.proposal.id === id);
      assert.deepEqual(
        items.map((i) => [i.reason, i.since]),
        [['review-on-your-proposal', comment.createdAt]],
      );
      await ok('POST', `/api/proposals/${id}/comments`, alice, { body: 'Because.' });
      await revise(id);
      assert.deepEqual(await reasons(alice, id), [], 'answered by a new revision');
      await review(id, 2, 'nak');
      assert.deepEqual(await reasons(alice, id), ['review-on-your-proposal']);
      assert.ok(!(await reasons(bob, id)).includes('review-on-your-proposal'), 'only the author');
    });

    it('concern-answered: a new revision since your open concern', async () => {
      const id = await propose();
      const concern = await review(id, 1, 'concern');
      assert.deepEqual(await reasons(bob, id), []);
      const v2 = await revise(id);
      const items = (await attention(bob)).filter((i) => i.proposal.id === id);
      assert.deepEqual(
        items.map((i) => [i.reason, i.since]),
        [['concern-answered', v2.createdAt]],
      );
      await ok('POST', `/api/reviews/${concern.id}/resolve`, bob);
      assert.deepEqual(await reasons(bob, id), []);
    });

    it('ack-outdated: a new revision outdated your ack', async () => {
      const id = await propose();
      await review(id, 1, 'ack');
      await revise(id, [FILE_READ]);
      assert.deepEqual(await reasons(bob, id), [], 'the same grouping keeps the ack');
      await revise(id, [FILE_READ, CLOCK]);
      const [outdated] = await t.app.prisma.event.findMany({
        where: { type: 'reviews.outdated', proposalId: id },
      });
      const items = (await attention(bob)).filter((i) => i.proposal.id === id);
      assert.deepEqual(
        items.map((i) => [i.reason, i.since]),
        [['ack-outdated', outdated?.createdAt.toISOString()]],
      );
      await review(id, 3, 'ack');
      assert.deepEqual(await reasons(bob, id), []);
    });

    it('ready-to-approve (maintainers): valid, on the baseline, acked, no concern, no FCP', async () => {
      const id = await propose([FILE_READ, CLOCK]);
      assert.deepEqual(await reasons(mia, id), [], 'no ack yet');
      const ack = await review(id, 1, 'ack');
      const items = (await attention(mia)).filter((i) => i.proposal.id === id);
      assert.deepEqual(
        items.map((i) => [i.reason, i.since]),
        [['ready-to-approve', ack.createdAt]],
      );
      assert.deepEqual(await reasons(bob, id), [], 'maintainers only');
      const concern = await review(id, 1, 'concern', mia);
      assert.deepEqual(await reasons(mia, id), [], 'an open concern blocks it');
      await ok('POST', `/api/reviews/${concern.id}/resolve`, mia);
      assert.deepEqual(await reasons(mia, id), ['ready-to-approve']);

      const invalid = await propose([{ ...FILE_READ, syscalls: ['no_such_call'] }]);
      await review(invalid, 1, 'ack');
      assert.deepEqual(await reasons(mia, invalid), [], 'an invalid revision is not ready');
    });

    it('fcp-ending (maintainers): an FCP ends within 24 hours; it is not ready-to-approve then', async () => {
      const id = await propose([FILE_READ, TIMERS]);
      await review(id, 1, 'ack');
      assert.deepEqual(await reasons(mia, id), ['ready-to-approve']);
      const started = await ok('POST', `/api/proposals/${id}/revisions/1/fcp`, mia, {
        disposition: 'approve',
      });
      const items = (await attention(mia)).filter((i) => i.proposal.id === id);
      // Twelve hours long: inside the last 24 hours from its start.
      assert.deepEqual(
        items.map((i) => [i.reason, i.since]),
        [['fcp-ending', started.fcp.startedAt]],
      );
      assert.deepEqual(await reasons(bob, id), []);
      await t.app.prisma.finalCommentPeriod.updateMany({
        where: { proposalId: id, status: 'running' },
        data: { endsAt: new Date(Date.now() + 48 * 3_600_000) },
      });
      assert.deepEqual(await reasons(mia, id), [], 'two days away is not ending');
    });

    it('stale-needs-rebase: your proposal’s baseline moved', async () => {
      const id = await propose([FILE_READ, TIMERS, CLOCK]);
      assert.deepEqual(await reasons(alice, id), []);
      const other = (
        await ok('POST', '/api/proposals', bob, {
          title: 'Moves the baseline',
          rationale: '',
          grouping: grouping([{ ...FILE_READ, syscalls: ['openat'] }]),
        })
      ).id;
      await ok('POST', `/api/proposals/${other}/revisions/1/approve`, mia);
      const [stale] = await t.app.prisma.event.findMany({
        where: { type: 'proposal.stale', proposalId: id },
      });
      const items = (await attention(alice)).filter((i) => i.proposal.id === id);
      assert.deepEqual(
        items.map((i) => [i.reason, i.since]),
        [['stale-needs-rebase', stale?.createdAt.toISOString()]],
      );
      assert.deepEqual(await reasons(mia, id), [], 'a stale proposal is not ready to approve');
      await ok('POST', `/api/proposals/${id}/revisions/1/rebase`, alice);
      assert.deepEqual(await reasons(alice, id), []);
    });
  });
}
