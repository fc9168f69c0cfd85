// Racing approvals on one baseline: exactly one wins. On PostgreSQL the two
// approvals run in two API instances (two connection pools) on one database,
// really concurrently; on PGlite through one instance.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

for (const kind of DB_KINDS) {
  describe(`approval race on ${kind}`, () => {
    let t: TestApp;
    let second: FastifyInstance;
    let alice: TestUser;
    let mia: TestUser;
    let max: TestUser;

    before(async () => {
      t = await createTestApp(kind);
      // A second instance shares PostgreSQL; PGlite is one process's database.
      second = kind === 'postgres' ? await buildApp(t.config) : t.app;
      alice = await t.createUser('contributor');
      mia = await t.createUser('maintainer');
      max = await t.createUser('maintainer');
    });
    after(async () => {
      if (second !== t.app) await second.close();
      await t.close();
    });

    const propose = async (flags: Parameters<typeof grouping>[0]) => {
      const baseline = (await t.app.inject({ method: 'GET', url: '/api/baseline' })).json();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: alice.auth,
        payload: {
          title: 'Race entrant',
          rationale: '',
          grouping: grouping([...baseline.grouping.flags, ...flags]),
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };
    const approve = (app: FastifyInstance, user: TestUser, id: number) =>
      app.inject({
        method: 'POST',
        url: `/api/proposals/${id}/revisions/1/approve`,
        headers: user.auth,
      });

    it('two proposals on one baseline: one release, one 409', async () => {
      for (const [x, y] of [
        [FILE_READ, CLOCK],
        [TIMERS, { ...CLOCK, name: 'CLOCK2', bit: 7 }],
      ] as const) {
        const a = await propose([x]);
        const b = await propose([y]);
        const results = await Promise.all([approve(t.app, mia, a), approve(second, max, b)]);
        const codes = results.map((r) => r.statusCode).sort();
        assert.deepEqual(codes, [201, 409], results.map((r) => r.body).join('\n'));
        const loser = results.find((r) => r.statusCode === 409);
        assert.equal(loser?.json().type, 'urn:dust:problem:not-based-on-baseline');
      }
      const releases = await t.app.prisma.release.findMany({
        orderBy: { number: 'asc' },
        include: { buildJobs: true },
      });
      assert.deepEqual(
        releases.map((r) => r.number),
        [0, 1, 2],
      );
      assert.deepEqual(
        releases.map((r) => r.buildJobs.length),
        [0, 1, 1],
      );
    });

    it('the same revision approved twice at once: one release', async () => {
      const id = await propose([
        { name: 'PIDS', bit: 9, description: 'Process ids', syscalls: ['getppid'] },
      ]);
      const results = await Promise.all([approve(t.app, mia, id), approve(second, max, id)]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
      assert.equal(await t.app.prisma.release.count(), 4);
    });
  });
}
