// The whole review workflow through app.inject, on PGlite and on PostgreSQL:
// propose, revise, debate, review, name, approve, rebase, baseline, events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateGrouping } from '@dust/model';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

for (const kind of DB_KINDS) {
  describe(`review workflow on ${kind}`, () => {
    let t: TestApp;
    let alice: TestUser;
    let bob: TestUser;
    let carol: TestUser;
    let mia: TestUser;
    let proposalId: number;
    let siblingId: number;
    let nothingNewId: number;

    const call = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      user?: TestUser,
      payload?: unknown,
    ) =>
      t.app.inject({
        method,
        url,
        ...(user ? { headers: user.auth } : {}),
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });

    before(async () => {
      t = await createTestApp(kind);
      alice = await t.createUser('contributor', { name: 'alice', email: 'alice@example.org' });
      bob = await t.createUser('contributor', { name: 'bob', email: 'bob@example.org' });
      carol = await t.createUser('contributor', { name: 'carol' });
      mia = await t.createUser('maintainer', { name: 'mia' });
    });
    after(() => t.close());

    it('sanity: the fixtures are valid groupings', () => {
      const report = validateGrouping(grouping([FILE_READ, CLOCK]));
      assert.equal(report.valid, true, JSON.stringify(report.diagnostics));
    });

    it('starts from release 0, the empty baseline', async () => {
      const res = await call('GET', '/api/baseline');
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().release, 0);
      assert.deepEqual(res.json().grouping.flags, []);
    });

    it('creates a proposal with revision 1 recorded against release 0', async () => {
      const res = await call('POST', '/api/proposals', alice, {
        title: 'File reading and clocks',
        rationale: 'Most *filters* need these.',
        grouping: grouping([FILE_READ]),
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      proposalId = body.id;
      assert.equal(body.status, 'open');
      assert.equal(body.revisions.length, 1);
      assert.equal(body.revisions[0].number, 1);
      assert.equal(body.revisions[0].baseRelease, 0);
      assert.equal(body.revisions[0].valid, true);
      assert.equal(res.headers.location, `/api/proposals/${proposalId}`);

      const sibling = await call('POST', '/api/proposals', carol, {
        title: 'Timers',
        rationale: 'For event loops.',
        grouping: grouping([TIMERS]),
      });
      assert.equal(sibling.statusCode, 201, sibling.body);
      siblingId = sibling.json().id;
    });

    it('anonymous writes get 401, reads are public', async () => {
      const res = await call('POST', '/api/proposals', undefined, {
        title: 'x',
        rationale: '',
        grouping: grouping([]),
      });
      assert.equal(res.statusCode, 401);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal((await call('GET', `/api/proposals/${proposalId}`)).statusCode, 200);
    });

    it('lists proposals with filters and cursor pagination (Link header)', async () => {
      const page1 = await call('GET', '/api/proposals?limit=1');
      assert.equal(page1.statusCode, 200);
      assert.equal(page1.json().items.length, 1);
      assert.equal(page1.json().items[0].id, siblingId);
      const link = String(page1.headers.link);
      assert.match(link, /rel="next"/);
      const next = /<([^>]+)>/.exec(link)?.[1] as string;
      const page2 = await call('GET', next);
      assert.deepEqual(
        page2.json().items.map((p: { id: number }) => p.id),
        [proposalId],
      );
      assert.equal(page2.json().nextCursor, null);
      assert.equal(page2.headers.link, undefined);

      const byFlag = await call('GET', '/api/proposals?flag=FILE_READ');
      assert.deepEqual(
        byFlag.json().items.map((p: { id: number }) => p.id),
        [proposalId],
      );
      const bySyscall = await call('GET', '/api/proposals?syscall=setitimer');
      assert.deepEqual(
        bySyscall.json().items.map((p: { id: number }) => p.id),
        [siblingId],
      );
      const byAuthor = await call('GET', '/api/proposals?author=carol&status=open');
      assert.deepEqual(
        byAuthor.json().items.map((p: { id: number }) => p.id),
        [siblingId],
      );
      assert.equal((await call('GET', '/api/proposals?status=approved')).json().items.length, 0);
    });

    it('only the author edits a proposal', async () => {
      const denied = await call('PATCH', `/api/proposals/${proposalId}`, bob, {
        title: 'Hijacked',
      });
      assert.equal(denied.statusCode, 403);
      const ok = await call('PATCH', `/api/proposals/${proposalId}`, alice, {
        title: 'File reading',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().title, 'File reading');
    });

    it('takes comments on a flag and a syscall, paginated oldest first', async () => {
      const c1 = await call('POST', `/api/proposals/${proposalId}/comments`, bob, {
        body: 'Why **lseek**? <script>alert(1)</script>',
        flag: 'FILE_READ',
      });
      assert.equal(c1.statusCode, 201, c1.body);
      assert.equal(c1.json().body, 'Why **lseek**? <script>alert(1)</script>', 'stored raw');
      const c2 = await call('POST', `/api/proposals/${proposalId}/comments`, alice, {
        body: 'Seeking is reading.',
        syscall: 'lseek',
        revision: 1,
      });
      assert.equal(c2.statusCode, 201, c2.body);
      const badFlag = await call('POST', `/api/proposals/${proposalId}/comments`, bob, {
        body: 'x',
        flag: 'NOPE',
      });
      assert.equal(badFlag.statusCode, 400);
      const badSyscall = await call('POST', `/api/proposals/${proposalId}/comments`, bob, {
        body: 'x',
        syscall: 'frobnicate',
      });
      assert.equal(badSyscall.statusCode, 400);

      const page = await call('GET', `/api/proposals/${proposalId}/comments?limit=1`);
      assert.equal(page.json().items[0].id, c1.json().id);
      assert.match(String(page.headers.link), /cursor=/);
      const bySyscall = await call('GET', `/api/proposals/${proposalId}/comments?syscall=lseek`);
      assert.deepEqual(
        bySyscall.json().items.map((c: { id: number }) => c.id),
        [c2.json().id],
      );
    });

    let concernId: number;

    it('a concern blocks approval until its author resolves it', async () => {
      const concern = await call('POST', `/api/proposals/${proposalId}/revisions/1/reviews`, bob, {
        verdict: 'concern',
        body: 'Needs clocks too.',
      });
      assert.equal(concern.statusCode, 201, concern.body);
      concernId = concern.json().id;
      const ack = await call('POST', `/api/proposals/${proposalId}/revisions/1/reviews`, mia, {
        verdict: 'ack',
        body: '',
      });
      assert.equal(ack.statusCode, 201);
      const self = await call('POST', `/api/proposals/${proposalId}/revisions/1/reviews`, alice, {
        verdict: 'ack',
      });
      assert.equal(self.statusCode, 403, 'authors do not review themselves');

      const blocked = await call('POST', `/api/proposals/${proposalId}/revisions/1/approve`, mia);
      assert.equal(blocked.statusCode, 409);
      assert.equal(blocked.json().type, 'urn:dust:problem:open-concerns');
      assert.match(blocked.json().detail, /concern/);

      const notHis = await call('POST', `/api/reviews/${concernId}/resolve`, alice);
      assert.equal(notHis.statusCode, 403);
    });

    it('a new revision with another grouping marks earlier acks outdated', async () => {
      const res = await call('POST', `/api/proposals/${proposalId}/revisions`, alice, {
        grouping: grouping([FILE_READ, CLOCK]),
        changelog: 'Add CLOCK.',
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().number, 2);
      assert.equal(res.json().baseRelease, 0);
      const reviews = (await call('GET', `/api/proposals/${proposalId}/reviews`)).json();
      const ack = reviews.find((r: { verdict: string }) => r.verdict === 'ack');
      assert.equal(ack.outdated, true);
      assert.equal(ack.revision, 1);

      const bobRevises = await call('POST', `/api/proposals/${proposalId}/revisions`, bob, {
        grouping: grouping([]),
        changelog: '',
      });
      assert.equal(bobRevises.statusCode, 403);
    });

    it('diffs against another revision and the baseline; validates against the baseline', async () => {
      const d = await call('GET', `/api/proposals/${proposalId}/revisions/2/diff?against=1`);
      assert.equal(d.statusCode, 200, d.body);
      assert.deepEqual(d.json().from, { kind: 'revision', revision: 1 });
      assert.deepEqual(
        d.json().diff.flagsAdded.map((f: { name: string }) => f.name),
        ['CLOCK'],
      );
      const b = await call('GET', `/api/proposals/${proposalId}/revisions/2/diff`);
      assert.equal(b.json().from.kind, 'baseline');
      assert.equal(b.json().diff.flagsAdded.length, 2);
      const v = await call('GET', `/api/proposals/${proposalId}/revisions/2/validation`);
      assert.equal(v.statusCode, 200);
      assert.equal(v.json().valid, true);
      assert.equal(v.json().basedOnBaseline, true);
      assert.equal((await call('GET', `/api/proposals/${proposalId}/revisions/9`)).statusCode, 404);
    });

    it('name suggestions: validated, one vote per user, adopted by the author into a new revision', async () => {
      const bad = await call('POST', `/api/proposals/${proposalId}/name-suggestions`, bob, {
        flag: 'CLOCK',
        name: 'clock time',
        reason: '',
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().diagnostics[0].code, 'FLAG_NAME_INVALID');
      const s = await call('POST', `/api/proposals/${proposalId}/name-suggestions`, bob, {
        flag: 'CLOCK',
        name: 'TIME',
        reason: 'It is about time.',
      });
      assert.equal(s.statusCode, 201, s.body);
      const id = s.json().id;
      const v1 = await call('POST', `/api/name-suggestions/${id}/votes`, mia);
      assert.equal(v1.statusCode, 201);
      assert.equal(v1.json().votes, 1);
      assert.equal(v1.json().voted, true);
      const v2 = await call('POST', `/api/name-suggestions/${id}/votes`, mia);
      assert.equal(v2.statusCode, 409);
      const notAuthor = await call('POST', `/api/name-suggestions/${id}/adopt`, bob);
      assert.equal(notAuthor.statusCode, 403);
      const adopted = await call('POST', `/api/name-suggestions/${id}/adopt`, alice);
      assert.equal(adopted.statusCode, 201, adopted.body);
      assert.equal(adopted.json().number, 3);
      assert.deepEqual(
        adopted.json().grouping.flags.map((f: { name: string }) => f.name),
        ['FILE_READ', 'TIME'],
      );
      const list = (await call('GET', `/api/proposals/${proposalId}/name-suggestions`)).json();
      assert.equal(list[0].adoptedInRevision, 3);
    });

    it('takes a proposal that asks for nothing new (superseded by the next approval)', async () => {
      const res = await call('POST', '/api/proposals', carol, {
        title: 'Strict mode is enough',
        rationale: 'No flags at all.',
        grouping: grouping([]),
      });
      assert.equal(res.statusCode, 201, res.body);
      nothingNewId = res.json().id;
    });

    it('approval: 401 anonymous, 403 contributor, 409 while the concern is open, then release 1', async () => {
      assert.equal(
        (await call('POST', `/api/proposals/${proposalId}/revisions/3/approve`)).statusCode,
        401,
      );
      assert.equal(
        (await call('POST', `/api/proposals/${proposalId}/revisions/3/approve`, bob)).statusCode,
        403,
      );
      const stillBlocked = await call(
        'POST',
        `/api/proposals/${proposalId}/revisions/3/approve`,
        mia,
      );
      assert.equal(stillBlocked.statusCode, 409);

      const resolved = await call('POST', `/api/reviews/${concernId}/resolve`, bob);
      assert.equal(resolved.statusCode, 200, resolved.body);
      assert.equal(resolved.json().resolved, true);
      assert.equal(
        (
          await call('POST', `/api/proposals/${proposalId}/revisions/3/reviews`, bob, {
            verdict: 'ack',
            body: 'Thanks.',
          })
        ).statusCode,
        201,
      );

      const old = await call('POST', `/api/proposals/${proposalId}/revisions/2/approve`, mia);
      assert.equal(old.statusCode, 409);
      assert.equal(old.json().type, 'urn:dust:problem:not-latest-revision');

      const res = await call('POST', `/api/proposals/${proposalId}/revisions/3/approve`, mia);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().release, 1);
      assert.deepEqual(res.json().trailers, ['Acked-by: bob <bob@example.org>']);
      assert.equal(res.json().proposal.status, 'approved');

      const baseline = (await call('GET', '/api/baseline')).json();
      assert.equal(baseline.release, 1);
      assert.deepEqual(
        baseline.grouping.flags.map((f: { name: string }) => f.name),
        ['FILE_READ', 'TIME'],
      );
      const jobs = await t.app.prisma.buildJob.findMany({ include: { release: true } });
      assert.deepEqual(
        jobs.map((j) => [j.release.number, j.status]),
        [[1, 'queued']],
      );
      const again = await call('POST', `/api/proposals/${proposalId}/revisions/3/approve`, mia);
      assert.equal(again.statusCode, 409);
    });

    it('marks sibling proposals stale; they must rebase before approval', async () => {
      const sibling = (await call('GET', `/api/proposals/${siblingId}`)).json();
      assert.equal(sibling.stale, true);
      const refused = await call('POST', `/api/proposals/${siblingId}/revisions/1/approve`, mia);
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().type, 'urn:dust:problem:not-based-on-baseline');
      const v = (await call('GET', `/api/proposals/${siblingId}/revisions/1/validation`)).json();
      assert.equal(v.basedOnBaseline, false);
      assert.equal(v.valid, false, 'dropping FILE_READ and TIME is incompatible with release 1');

      const rebased = await call('POST', `/api/proposals/${siblingId}/revisions/1/rebase`, carol);
      assert.equal(rebased.statusCode, 201, rebased.body);
      assert.equal(rebased.json().number, 2);
      assert.equal(rebased.json().baseRelease, 1);
      assert.deepEqual(
        rebased.json().grouping.flags.map((f: { name: string }) => f.name),
        ['FILE_READ', 'TIME', 'TIMERS'],
      );
      assert.equal((await call('GET', `/api/proposals/${siblingId}`)).json().stale, false);
      const noop = await call('POST', `/api/proposals/${siblingId}/revisions/2/rebase`, carol);
      assert.equal(noop.statusCode, 409);

      const approved = await call('POST', `/api/proposals/${siblingId}/revisions/2/approve`, mia);
      assert.equal(approved.statusCode, 201, approved.body);
      assert.equal(approved.json().release, 2);
    });

    it('supersedes an open proposal whose changes the new release already has', async () => {
      const res = (await call('GET', `/api/proposals/${nothingNewId}`)).json();
      assert.equal(res.status, 'superseded');
      assert.equal(res.stale, false);
      const events = (
        await call('GET', `/api/events?type=proposal.superseded&proposal=${nothingNewId}`)
      ).json().items;
      assert.equal(events.length, 1);
      assert.equal(events[0].data.by, proposalId);
      const refused = await call('POST', `/api/proposals/${nothingNewId}/revisions/1/approve`, mia);
      assert.equal(refused.statusCode, 409);
    });

    it('reports rebase conflicts as 409 with the conflicts', async () => {
      // Both this proposal (written on release 2) and release 3 add a flag on bit 5.
      const a = await call('POST', '/api/proposals', carol, {
        title: 'Bit five, take A',
        rationale: '',
        grouping: {
          ...grouping([]),
          flags: [
            ...(await call('GET', '/api/baseline')).json().grouping.flags,
            { name: 'PIDS', bit: 5, description: 'Process ids', syscalls: ['getppid'] },
          ],
        },
      });
      const b = await call('POST', '/api/proposals', alice, {
        title: 'Bit five, take B',
        rationale: '',
        grouping: {
          ...grouping([]),
          flags: [
            ...(await call('GET', '/api/baseline')).json().grouping.flags,
            { name: 'SIGNALS', bit: 5, description: 'Signals', syscalls: ['kill'] },
          ],
        },
      });
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(b.statusCode, 201, b.body);
      assert.equal(
        (await call('POST', `/api/proposals/${b.json().id}/revisions/1/approve`, mia)).statusCode,
        201,
      );
      const res = await call('POST', `/api/proposals/${a.json().id}/revisions/1/rebase`, carol);
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().type, 'urn:dust:problem:rebase-conflict');
      assert.ok(res.json().conflicts.length > 0);
    });

    it('stores invalid revisions for debate but never approves them', async () => {
      const baseFlags = (await call('GET', '/api/baseline')).json().grouping.flags;
      const res = await call('POST', '/api/proposals', carol, {
        title: 'Typo',
        rationale: '',
        grouping: grouping([
          ...baseFlags,
          { name: 'NET', bit: 9, description: 'Sockets', syscalls: ['sokcet'] },
        ]),
      });
      assert.equal(res.statusCode, 201, res.body);
      const rev = res.json().revisions[0];
      assert.equal(rev.valid, false);
      assert.ok(rev.diagnostics.some((d: { code: string }) => d.code === 'SYSCALL_UNKNOWN'));
      const refused = await call(
        'POST',
        `/api/proposals/${res.json().id}/revisions/1/approve`,
        mia,
      );
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().type, 'urn:dust:problem:revision-invalid');
      assert.equal(refused.json().diagnostics[0].code, 'SYSCALL_UNKNOWN');
    });

    it('withdrawal by the author closes the proposal', async () => {
      const res = await call('PATCH', `/api/proposals/${proposalId}`, alice, {
        status: 'withdrawn',
      });
      assert.equal(res.statusCode, 409, 'an approved proposal cannot be withdrawn');
      const p = await call('POST', '/api/proposals', bob, {
        title: 'Short-lived',
        rationale: '',
        grouping: (await call('GET', '/api/baseline')).json().grouping,
      });
      const w = await call('PATCH', `/api/proposals/${p.json().id}`, bob, { status: 'withdrawn' });
      assert.equal(w.statusCode, 200, w.body);
      assert.equal(w.json().status, 'withdrawn');
      assert.equal(
        (
          await call('POST', `/api/proposals/${p.json().id}/revisions`, bob, {
            grouping: grouping([]),
          })
        ).statusCode,
        409,
      );
    });

    it('maintainers reject proposals; contributors cannot', async () => {
      const p = await call('POST', '/api/proposals', bob, {
        title: 'Unwanted',
        rationale: '',
        grouping: (await call('GET', '/api/baseline')).json().grouping,
      });
      const url = `/api/proposals/${p.json().id}`;
      assert.equal((await call('PATCH', url, bob, { status: 'rejected' })).statusCode, 403);
      assert.equal(
        (await call('PATCH', url, mia, { status: 'rejected', title: 'Renamed' })).statusCode,
        403,
      );
      const rejected = await call('PATCH', url, mia, { status: 'rejected' });
      assert.equal(rejected.statusCode, 200, rejected.body);
      assert.equal(rejected.json().status, 'rejected');
      assert.equal((await call('PATCH', url, bob, { status: 'withdrawn' })).statusCode, 409);
    });

    it('records every state change as an event, filterable', async () => {
      const all = await call('GET', '/api/events?limit=500');
      assert.equal(all.statusCode, 200);
      const types = new Set(all.json().items.map((e: { type: string }) => e.type));
      for (const type of [
        'user.created',
        'proposal.created',
        'proposal.edited',
        'proposal.withdrawn',
        'proposal.rejected',
        'revision.created',
        'comment.created',
        'review.created',
        'review.resolved',
        'reviews.outdated',
        'name-suggestion.created',
        'name-suggestion.voted',
        'name-suggestion.adopted',
        'revision.approved',
        'release.created',
        'proposal.stale',
        'proposal.superseded',
        'build.queued',
      ]) {
        assert.ok(types.has(type), `event ${type}`);
      }
      const reviews = (await call('GET', `/api/events?type=review&proposal=${proposalId}`)).json()
        .items;
      assert.ok(reviews.length >= 3);
      assert.ok(
        reviews.every(
          (e: { type: string; proposalId: number }) =>
            e.type.startsWith('review.') && e.proposalId === proposalId,
        ),
      );
      const release1 = (await call('GET', '/api/events?release=1&type=release.created')).json()
        .items;
      assert.equal(release1.length, 1);
      assert.equal(release1[0].actor.name, 'mia');
    });

    it('pages the event log newest first with order=desc', async () => {
      const ids = (await call('GET', '/api/events?limit=500'))
        .json()
        .items.map((e: { id: number }) => e.id) as number[];
      const first = await call('GET', '/api/events?order=desc&limit=3');
      assert.equal(first.statusCode, 200);
      const newest = first.json().items.map((e: { id: number }) => e.id);
      assert.deepEqual(newest, ids.slice(-3).reverse());
      const link = String(first.headers.link);
      assert.match(link, /order=desc/);
      const nextPath = /<([^>]+)>/.exec(link)?.[1] ?? '';
      const second = (await call('GET', nextPath)).json().items.map((e: { id: number }) => e.id);
      assert.deepEqual(second, ids.slice(-6, -3).reverse());
      assert.equal((await call('GET', '/api/events?order=sideways')).statusCode, 400);
    });

    it('lists syscalls with their flags in the baseline', async () => {
      const res = await call('GET', '/api/syscalls?kernel=6.1&arch=x86_64');
      assert.equal(res.statusCode, 200);
      const rows = res.json().syscalls as { name: string; flags: string[]; base: boolean }[];
      assert.deepEqual(rows.find((r) => r.name === 'openat')?.flags, ['FILE_READ']);
      assert.equal(rows.find((r) => r.name === 'read')?.base, true);
      assert.equal((await call('GET', '/api/syscalls?arch=vax')).statusCode, 400);
    });
  });
}
