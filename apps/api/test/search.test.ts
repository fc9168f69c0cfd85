// GET /api/proposals?q= (ranked full-text search) and several statuses at once,
// on PGlite and PostgreSQL: one migration, one SQL function, the same answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

for (const kind of DB_KINDS) {
  describe(`search and status filters on ${kind}`, () => {
    let t: TestApp;
    let alice: TestUser;
    let bob: TestUser;
    let mia: TestUser;
    const ids = {} as Record<
      'clocks' | 'timers' | 'plain' | 'rejected' | 'approved' | 'fresh',
      number
    >;

    const ok = async (
      method: 'GET' | 'POST' | 'PATCH',
      url: string,
      user: TestUser,
      payload?: unknown,
    ) => {
      const res = await t.app.inject({
        method,
        url,
        headers: user.auth,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const list = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/proposals?${query}` });
      assert.equal(res.statusCode, 200, res.body);
      return res;
    };
    const found = async (query: string) =>
      ((await list(query)).json().items as { id: number }[]).map((p) => p.id);
    const propose = async (title: string, rationale: string, flags = [FILE_READ]) =>
      (await ok('POST', '/api/proposals', alice, { title, rationale, grouping: grouping(flags) }))
        .id as number;

    before(async () => {
      t = await createTestApp(kind);
      alice = await t.createUser('contributor');
      bob = await t.createUser('contributor');
      mia = await t.createUser('maintainer');
      ids.clocks = await propose('Clocks for sandboxes', 'Timekeeping without syscalls is hard.', [
        FILE_READ,
        CLOCK,
      ]);
      ids.timers = await propose('Interval timers', 'Programs that sleep.', [
        FILE_READ,
        { ...TIMERS, description: 'Alarm signals on a schedule' },
      ]);
      ids.plain = await propose('Only reading', 'Nothing else.');
      await ok('POST', `/api/proposals/${ids.plain}/comments`, bob, {
        body: 'This would break every **daemon** that logs.',
      });
    });
    after(() => t.close());

    it('finds a proposal by a word in a comment', async () => {
      assert.deepEqual(await found('q=daemons'), [ids.plain]);
    });

    it('finds by title, rationale, flag name and flag description', async () => {
      assert.deepEqual(await found('q=sandboxes'), [ids.clocks]);
      assert.deepEqual(await found('q=timekeeping'), [ids.clocks]);
      assert.deepEqual(await found('q=TIMERS'), [ids.timers]);
      assert.deepEqual(await found('q=alarm%20schedule'), [ids.timers]);
      assert.deepEqual(await found('q=%22read%20the%20clocks%22'), [ids.clocks]);
      assert.deepEqual(await found('q=nonexistentword'), []);
    });

    it('ranks a title match above a match in comments only', async () => {
      await ok('POST', `/api/proposals/${ids.clocks}/comments`, bob, { body: 'Interval?' });
      assert.deepEqual(await found('q=interval'), [ids.timers, ids.clocks]);
    });

    it('follows edits and new revisions', async () => {
      await ok('PATCH', `/api/proposals/${ids.plain}`, alice, { title: 'Only reading, carefully' });
      assert.deepEqual(await found('q=carefully'), [ids.plain]);
      await ok('POST', `/api/proposals/${ids.plain}/revisions`, alice, {
        grouping: grouping([FILE_READ, { ...TIMERS, name: 'WAKEUPS', bit: 5 }]),
        changelog: '',
      });
      assert.deepEqual(await found('q=wakeups'), [ids.plain]);
    });

    it('pages through ranked results with the Link header', async () => {
      const first = await list('q=read&limit=2');
      const page = first.json();
      assert.equal(page.items.length, 2);
      assert.ok(page.nextCursor);
      assert.match(String(first.headers.link), /cursor=/);
      const rest = await found(`q=read&limit=2&cursor=${page.nextCursor}`);
      const all = await found('q=read&limit=10');
      assert.deepEqual([...page.items.map((p: { id: number }) => p.id), ...rest], all);
      assert.equal(all.length, 3);
    });

    it('takes several statuses at once, and "stale" means open with a moved baseline', async () => {
      ids.rejected = await propose('Turned down', '');
      await ok('PATCH', `/api/proposals/${ids.rejected}`, mia, { status: 'rejected' });
      ids.approved = await propose('Lands first', '', [
        FILE_READ,
        { ...CLOCK, bit: 9, name: 'C9' },
      ]);
      await ok('POST', `/api/proposals/${ids.approved}/revisions/1/approve`, mia);
      // Every other open proposal is now stale; a fresh one is not.
      ids.fresh = await propose('After the release', '', [
        FILE_READ,
        { ...CLOCK, bit: 9, name: 'C9' },
        TIMERS,
      ]);
      const stale = await found('status=stale');
      assert.deepEqual(stale.sort(), [ids.clocks, ids.timers, ids.plain].sort());
      assert.ok((await found('status=open')).includes(ids.fresh));
      assert.ok((await found('status=open')).includes(ids.clocks), 'open includes stale');
      assert.deepEqual(
        (await found('status=approved&status=rejected')).sort(),
        [ids.approved, ids.rejected].sort(),
      );
      assert.deepEqual(
        (await found('status=stale&status=approved')).sort(),
        [ids.clocks, ids.timers, ids.plain, ids.approved].sort(),
      );
      // plain's revision 2 describes a flag "Interval timers": above a comment-only match.
      assert.deepEqual(await found('q=interval&status=stale'), [ids.timers, ids.plain, ids.clocks]);
      assert.deepEqual(await found('q=interval&status=approved'), []);
      const bad = await t.app.inject({ method: 'GET', url: '/api/proposals?status=lost' });
      assert.equal(bad.statusCode, 400);
    });
  });
}
