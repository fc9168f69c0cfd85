// Final comment periods (docs/design.md, "Review workflow"): who may start
// one and when, what cancels it, and the finisher applying its disposition
// through the normal approval path exactly once, with two API instances on
// PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { finishFcp } from '../src/domain/fcp/finish-fcp';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { FcpWorker } from '../src/worker/fcp/fcp-worker';
import { FILE_READ, grouping, TIMERS } from './fixtures';

const SPARE = [
  'dup',
  'dup2',
  'dup3',
  'pipe',
  'pipe2',
  'getcwd',
  'chdir',
  'fchdir',
  'umask',
  'getppid',
  'getuid',
  'getgid',
  'geteuid',
  'getegid',
  'sync',
  'pause',
  'alarm',
  'uname',
  'sysinfo',
];

/** Helpers over one test app; every proposal adds one spare syscall to the baseline's first flag. */
function harness(get: () => TestApp) {
  let spare = 0;
  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    user?: TestUser,
    payload?: unknown,
    app?: FastifyInstance,
  ) =>
    (app ?? get().app).inject({
      method,
      url,
      ...(user ? { headers: user.auth } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const propose = async (author: TestUser) => {
    const base = (await call('GET', '/api/baseline')).json().grouping.flags;
    const [first, ...rest] = base.length > 0 ? base : [FILE_READ];
    const added = { ...first, syscalls: [...first.syscalls, SPARE[spare++ % SPARE.length]] };
    const res = await call('POST', '/api/proposals', author, {
      title: 'Under a final comment period',
      rationale: '',
      grouping: grouping([added, ...rest]),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: number; grouping: unknown };
  };
  const start = (id: number, n: number, user: TestUser, disposition = 'approve') =>
    call('POST', `/api/proposals/${id}/revisions/${n}/fcp`, user, { disposition });
  const proposal = async (id: number) => (await call('GET', `/api/proposals/${id}`)).json();
  const events = async (id: number, type: string) =>
    get().app.prisma.event.findMany({ where: { proposalId: id, type }, orderBy: { id: 'asc' } });
  /** The data of the first event of that type on the proposal ({} when there is none). */
  const dataOf = async (id: number, type: string) =>
    ((await events(id, type))[0]?.data ?? {}) as Record<string, unknown>;
  return { call, propose, start, proposal, events, dataOf };
}

describe('final comment periods (PGlite)', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let mia: TestUser;
  const h = harness(() => t);

  before(async () => {
    // 0.0005 h is 1.8 s: long enough to act within it, short enough to wait out.
    t = await createTestApp('pglite', { fcpHours: 0.0005 });
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
    mia = await t.createUser('maintainer');
  });
  after(() => t.close());

  it('starts on the latest revision and shows in the proposal JSON', async () => {
    const { id } = await h.propose(alice);
    assert.equal((await h.proposal(id)).fcp, null);
    const res = await h.start(id, 1, mia);
    assert.equal(res.statusCode, 201, res.body);
    const fcp = res.json().fcp;
    assert.equal(fcp.disposition, 'approve');
    assert.equal(fcp.revision, 1);
    assert.deepEqual(fcp.startedBy, { id: mia.id, name: mia.name });
    const length = Date.parse(fcp.endsAt) - Date.parse(fcp.startedAt);
    assert.equal(length, 1800);
    assert.deepEqual((await h.proposal(id)).fcp, fcp);
    assert.equal((await h.dataOf(id, 'fcp.started')).disposition, 'approve');

    const again = await h.start(id, 1, mia, 'reject');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().type, 'urn:dust:problem:fcp-blocked');
    assert.equal(again.json().reason, 'fcp-running');
  });

  it('is refused naming the reason: open concern, not the latest revision, stale, invalid', async () => {
    const { id } = await h.propose(alice);
    const concern = await h.call('POST', `/api/proposals/${id}/revisions/1/reviews`, bob, {
      verdict: 'concern',
      body: 'Why dup?',
    });
    assert.equal(concern.statusCode, 201);
    for (const disposition of ['approve', 'reject']) {
      const res = await h.start(id, 1, mia, disposition);
      assert.equal(res.statusCode, 409);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().type, 'urn:dust:problem:fcp-blocked');
      assert.equal(res.json().reason, 'open-concerns');
    }
    await h.call('POST', `/api/reviews/${concern.json().id}/resolve`, bob);

    const p = await h.proposal(id);
    const next = await h.call('POST', `/api/proposals/${id}/revisions`, alice, {
      grouping: p.revisions[0].grouping,
      changelog: 'Same again',
    });
    assert.equal(next.statusCode, 201, next.body);
    const old = await h.start(id, 1, mia);
    assert.equal(old.json().reason, 'not-latest-revision');

    // Another approval moves the baseline: approval needs a rebase first, rejection does not.
    const other = await h.propose(bob);
    const approved = await h.call('POST', `/api/proposals/${other.id}/revisions/1/approve`, mia);
    assert.equal(approved.statusCode, 201, approved.body);
    const stale = await h.start(id, 2, mia);
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().reason, 'not-based-on-baseline');
    assert.equal((await h.start(id, 2, mia, 'reject')).statusCode, 201);
    assert.equal((await h.call('DELETE', `/api/proposals/${id}/fcp`, mia)).statusCode, 200);

    const invalid = await h.call('POST', '/api/proposals', alice, {
      title: 'Takes a flag away',
      rationale: '',
      grouping: grouping([TIMERS]),
    });
    assert.equal(invalid.statusCode, 201, invalid.body);
    const refused = await h.start(invalid.json().id, 1, mia);
    assert.equal(refused.json().reason, 'revision-invalid');
    assert.ok(refused.json().diagnostics.length > 0);
  });

  it('is started and cancelled by maintainers only', async () => {
    const { id } = await h.propose(alice);
    assert.equal((await h.start(id, 1, alice)).statusCode, 403);
    assert.equal((await h.start(id, 1, bob)).statusCode, 403);
    assert.equal((await h.call('POST', `/api/proposals/${id}/revisions/1/fcp`)).statusCode, 401);
    assert.equal((await h.start(id, 1, mia)).statusCode, 201);
    assert.equal((await h.call('DELETE', `/api/proposals/${id}/fcp`, alice)).statusCode, 403);
    const cancelled = await h.call('DELETE', `/api/proposals/${id}/fcp`, mia);
    assert.equal(cancelled.statusCode, 200);
    assert.equal(cancelled.json().fcp, null);
    assert.equal((await h.dataOf(id, 'fcp.cancelled')).reason, 'cancelled');
    assert.equal((await h.events(id, 'fcp.cancelled'))[0]?.actorId, mia.id);
    const none = await h.call('DELETE', `/api/proposals/${id}/fcp`, mia);
    assert.equal(none.statusCode, 404);
  });

  it('a new concern, a new revision or a moved baseline cancels it, naming the reason', async () => {
    const a = await h.propose(alice);
    assert.equal((await h.start(a.id, 1, mia)).statusCode, 201);
    await h.call('POST', `/api/proposals/${a.id}/revisions/1/reviews`, bob, {
      verdict: 'concern',
      body: 'Wait.',
    });
    assert.equal((await h.proposal(a.id)).fcp, null);
    assert.equal((await h.dataOf(a.id, 'fcp.cancelled')).reason, 'concern');

    const b = await h.propose(alice);
    assert.equal((await h.start(b.id, 1, mia, 'reject')).statusCode, 201);
    const revised = await h.call('POST', `/api/proposals/${b.id}/revisions`, alice, {
      grouping: (await h.proposal(b.id)).revisions[0].grouping,
      changelog: 'Again',
    });
    assert.equal(revised.statusCode, 201);
    assert.equal((await h.proposal(b.id)).fcp, null);
    assert.equal((await h.dataOf(b.id, 'fcp.cancelled')).reason, 'new-revision');

    const c = await h.propose(alice);
    assert.equal((await h.start(c.id, 1, mia)).statusCode, 201);
    const mover = await h.propose(bob);
    assert.equal(
      (await h.call('POST', `/api/proposals/${mover.id}/revisions/1/approve`, mia)).statusCode,
      201,
    );
    assert.equal((await h.proposal(c.id)).fcp, null);
    assert.equal((await h.dataOf(c.id, 'fcp.cancelled')).reason, 'baseline-moved');

    // Cancelled means gone: the finisher does nothing with it once it would have run out.
    await sleep(2000);
    const worker = new FcpWorker({ prisma: t.app.prisma });
    assert.equal(await worker.runOnce(), null);
    assert.equal((await h.proposal(a.id)).status, 'open');
    assert.equal((await h.proposal(b.id)).status, 'open');
  });

  it('when it runs out, the finisher approves through the approval path, once', async () => {
    const { id } = await h.propose(alice);
    await h.call('POST', `/api/proposals/${id}/revisions/1/reviews`, bob, { verdict: 'ack' });
    assert.equal((await h.start(id, 1, mia)).statusCode, 201);
    const worker = new FcpWorker({ prisma: t.app.prisma });
    assert.equal(await worker.runOnce(), null, 'not due yet');
    await sleep(2000);
    const result = await worker.runOnce();
    assert.equal(result?.outcome, 'approved');
    assert.equal(await worker.runOnce(), null);

    const p = await h.proposal(id);
    assert.equal(p.status, 'approved');
    assert.equal(p.fcp, null);
    const release = await t.app.prisma.release.findFirstOrThrow({
      where: { revision: { proposalId: id } },
      include: { buildJobs: true, artifacts: true },
    });
    assert.equal(release.approvedById, mia.id);
    assert.deepEqual(release.trailers, [`Acked-by: ${bob.name} <${bob.name}@users.dust.invalid>`]);
    assert.equal(release.buildJobs.length, 1);
    assert.equal(release.artifacts.length, 1);
    const types = (
      await t.app.prisma.event.findMany({
        where: { proposalId: id, id: { gt: (await h.events(id, 'fcp.started'))[0]?.id ?? 0 } },
        orderBy: { id: 'asc' },
      })
    ).map((e) => e.type);
    assert.deepEqual(types, [
      'revision.approved',
      'release.created',
      'build.queued',
      'fcp.finished',
    ]);
    assert.equal((await h.dataOf(id, 'fcp.finished')).release, release.number);
  });

  it('a reject disposition rejects the proposal when it runs out', async () => {
    const { id } = await h.propose(alice);
    assert.equal((await h.start(id, 1, mia, 'reject')).statusCode, 201);
    await sleep(2000);
    const result = await new FcpWorker({ prisma: t.app.prisma }).runOnce();
    assert.equal(result?.outcome, 'rejected');
    const p = await h.proposal(id);
    assert.equal(p.status, 'rejected');
    assert.equal(p.fcp, null);
    assert.equal((await h.events(id, 'proposal.rejected')).length, 1);
    assert.equal((await h.events(id, 'fcp.finished')).length, 1);
  });

  it('a refused automatic approval ends the period, naming the refusal', async () => {
    const { id } = await h.propose(alice);
    assert.equal((await h.start(id, 1, mia)).statusCode, 201);
    // Nothing in Dust cancels on this: the revision's recorded base moves under it.
    await t.app.prisma.revision.updateMany({ where: { proposalId: id }, data: { baseRelease: 0 } });
    await sleep(2000);
    const result = await new FcpWorker({ prisma: t.app.prisma }).runOnce();
    assert.deepEqual(result && { outcome: result.outcome, reason: result.reason }, {
      outcome: 'failed',
      reason: 'not-based-on-baseline',
    });
    assert.equal((await h.proposal(id)).status, 'open');
    assert.equal((await h.proposal(id)).fcp, null);
    assert.equal((await h.dataOf(id, 'fcp.cancelled')).reason, 'not-based-on-baseline');
  });
});

describe('DUST_REQUIRE_FCP=on (PGlite)', () => {
  let t: TestApp;
  let alice: TestUser;
  let mia: TestUser;
  const h = harness(() => t);

  before(async () => {
    t = await createTestApp('pglite', { fcpHours: 0.0005, requireFcp: true });
    alice = await t.createUser('contributor');
    mia = await t.createUser('maintainer');
  });
  after(() => t.close());

  it('a direct approval needs an FCP on that revision that has run out', async () => {
    const { id } = await h.propose(alice);
    const approve = () => h.call('POST', `/api/proposals/${id}/revisions/1/approve`, mia);
    const direct = await approve();
    assert.equal(direct.statusCode, 409);
    assert.equal(direct.json().type, 'urn:dust:problem:fcp-required');
    assert.equal((await h.start(id, 1, mia)).statusCode, 201);
    assert.equal((await approve()).json().type, 'urn:dust:problem:fcp-required');
    await sleep(2000);
    const res = await approve();
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().proposal.fcp, null);
    assert.equal((await h.events(id, 'fcp.finished')).length, 1);
    assert.equal(await new FcpWorker({ prisma: t.app.prisma }).runOnce(), null);
  });

  it('a reject FCP that ran out does not open the way to approval', async () => {
    const { id } = await h.propose(alice);
    assert.equal((await h.start(id, 1, mia, 'reject')).statusCode, 201);
    await sleep(2000);
    const res = await h.call('POST', `/api/proposals/${id}/revisions/1/approve`, mia);
    assert.equal(res.json().type, 'urn:dust:problem:fcp-required');
  });
});

for (const kind of DB_KINDS) {
  describe(`FCP finished exactly once on ${kind}`, () => {
    let t: TestApp;
    let second: FastifyInstance;
    let alice: TestUser;
    let bob: TestUser;
    let mia: TestUser;
    const h = harness(() => t);

    before(async () => {
      t = await createTestApp(kind, { fcpHours: 0.0005 });
      // A second instance shares PostgreSQL; PGlite is one process's database.
      second = kind === 'postgres' ? await buildApp(t.config) : t.app;
      alice = await t.createUser('contributor');
      bob = await t.createUser('contributor');
      mia = await t.createUser('maintainer');
    });
    after(async () => {
      if (second !== t.app) await second.close();
      await t.close();
    });

    it('finishers of two instances racing on one due period: one release', async () => {
      for (const race of ['claim', 'finish'] as const) {
        const { id } = await h.propose(alice);
        await h.call('POST', `/api/proposals/${id}/revisions/1/reviews`, bob, { verdict: 'ack' });
        assert.equal((await h.start(id, 1, mia)).statusCode, 201);
        const releasesBefore = await t.app.prisma.release.count();
        await sleep(2000);
        const fcp = await t.app.prisma.finalCommentPeriod.findFirstOrThrow({
          where: { proposalId: id, status: 'running' },
        });
        const apps = [t.app, second, t.app, second];
        // "claim": the workers' loop step; "finish": past the claim, straight at the
        // approval path, which alone must still let exactly one through.
        const results = await Promise.all(
          apps.map((app) =>
            race === 'claim'
              ? new FcpWorker({ prisma: app.prisma }).runOnce()
              : finishFcp(app.prisma, fcp.id),
          ),
        );
        const outcomes = results.map((r) => r?.outcome ?? 'none').sort();
        assert.deepEqual(
          outcomes.filter((o) => o === 'approved'),
          ['approved'],
          `${race}: ${JSON.stringify(results)}`,
        );
        assert.ok(
          outcomes.every((o) => ['approved', 'none', 'not-due'].includes(o)),
          race,
        );
        assert.equal(await t.app.prisma.release.count(), releasesBefore + 1, race);
        assert.equal((await h.events(id, 'revision.approved')).length, 1, race);
        assert.equal((await h.events(id, 'fcp.finished')).length, 1, race);
        assert.equal((await h.proposal(id)).status, 'approved');
      }
    });
  });
}
