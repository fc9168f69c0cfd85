// Scale-out, shown on one PostgreSQL: two API instances (each its own
// connection pool and in-process caches, started at the same time) and two
// build workers (each its own pool), as a load balancer and a worker pool
// would run them. The workers run a fake kernel test (a real build takes
// minutes): it records who built which release and holds the first build until
// the second worker is building too, so the two really work at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { type Database, openDatabase } from '../src/db/open';
import { newSecret } from '../src/lib/secrets';
import { createPostgresDatabase, testConfig } from '../src/testing';
import { BuildWorker } from '../src/worker/build-worker';
import type { KernelTestFn } from '../src/worker/kernel-test-types';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

describe('two API instances and two workers on one PostgreSQL', () => {
  let dropDatabase: () => Promise<void>;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let admin: { authorization: string };
  const workerDbs: Database[] = [];
  const builds: { release: string; worker: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let bothBusy: () => void = () => {};
  const bothBusyOnce = new Promise<void>((resolve) => {
    bothBusy = resolve;
  });

  const fakeKernelTest =
    (worker: string): KernelTestFn =>
    async ({ series }) => {
      builds.push({ release: String(series.version), worker });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (inFlight === 2) bothBusy();
      // Bounded: if the other worker never comes, the assertions below say so.
      await Promise.race([bothBusyOnce, new Promise((r) => setTimeout(r, 10_000))]);
      inFlight -= 1;
      return {
        status: 'passed',
        stages: [{ name: 'build', status: 'passed', seconds: 0 }],
        checkpatch: { errors: 0, warnings: 0, perPatch: [] },
        flags: [],
        checks: [],
      };
    };

  before(async () => {
    const db = await createPostgresDatabase();
    dropDatabase = db.drop;
    const config = testConfig({
      database: { kind: 'postgres', url: db.url },
      bootstrapToken: newSecret('dust_boot_'),
    });
    // Started together, as a deployment starts its replicas: migrations and the
    // bootstrap admin must not trip over each other.
    [a, b] = await Promise.all([buildApp(config), buildApp(config)]);
    admin = { authorization: `Bearer ${config.bootstrapToken}` };
    for (let i = 0; i < 2; i++) {
      workerDbs.push(await openDatabase({ kind: 'postgres', url: db.url }));
    }
  });
  after(async () => {
    await a?.close();
    await b?.close();
    for (const db of workerDbs) await db.close();
    await dropDatabase?.();
  });

  const json = (res: LightMyRequestResponse) => res.json() as Record<string, unknown>;
  const propose = async (app: FastifyInstance, flags: Parameters<typeof grouping>[0]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: admin,
      payload: { title: 'Scale', rationale: '', grouping: grouping(flags) },
    });
    assert.equal(res.statusCode, 201, res.body);
    return json(res).id as number;
  };
  const approve = (app: FastifyInstance, id: number) =>
    app.inject({ method: 'POST', url: `/api/proposals/${id}/revisions/1/approve`, headers: admin });

  test('sessions made on one instance are valid on the other, and end on both', async () => {
    const created = await a.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { name: 'ada', role: 'contributor', password: 'a long passphrase here' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const login = await a.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'ada', password: 'a long passphrase here' },
    });
    assert.equal(login.statusCode, 200);
    const session = login.cookies.find((c) => c.name === 'dust_session')?.value as string;
    const csrf = json(login).csrfToken as string;
    const cookie = `dust_session=${session}`;
    const onB = await b.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    assert.equal(onB.statusCode, 200);
    assert.equal(json(onB).name, 'ada');
    // Warm A's credential cache, sign out through B: A refuses the cookie at once.
    assert.equal(
      (await a.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode,
      200,
    );
    const out = await b.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(out.statusCode, 204);
    assert.equal(
      (await a.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode,
      401,
    );
  });

  test('a write through one instance is visible through the other at once', async () => {
    const before = await b.inject({ method: 'GET', url: '/api/proposals' });
    const etag = before.headers.etag as string;
    assert.ok(etag);
    // Served again from B's cache while nothing changed.
    const cached = await b.inject({
      method: 'GET',
      url: '/api/proposals',
      headers: { 'if-none-match': etag },
    });
    assert.equal(cached.statusCode, 304);
    const id = await propose(a, [FILE_READ]);
    const after = await b.inject({
      method: 'GET',
      url: '/api/proposals',
      headers: { 'if-none-match': etag },
    });
    assert.equal(after.statusCode, 200, 'B must not answer from its stale cache');
    assert.ok((json(after).items as { id: number }[]).some((p) => p.id === id));
    const detail = await b.inject({ method: 'GET', url: `/api/proposals/${id}` });
    assert.equal(detail.statusCode, 200);
  });

  test('racing approvals on two instances: one wins, the other is told why', async () => {
    const first = await propose(a, [CLOCK]);
    const second = await propose(b, [TIMERS]);
    const baselineBefore = json(await b.inject({ method: 'GET', url: '/api/baseline' }));
    const results = await Promise.all([approve(a, first), approve(b, second)]);
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [201, 409], results.map((r) => r.body).join('\n'));
    const lost = results.find((r) => r.statusCode === 409) as LightMyRequestResponse;
    assert.equal(json(lost).type, 'urn:dust:problem:not-based-on-baseline');
    // Both instances see the new baseline at once.
    for (const app of [a, b]) {
      const baseline = json(await app.inject({ method: 'GET', url: '/api/baseline' }));
      assert.equal(baseline.release, (baselineBefore.release as number) + 1);
    }
  });

  test('two workers share the queue: every release is built exactly once', async () => {
    // Two more releases, so there is more than one job to share.
    for (const flags of [[FILE_READ], [FILE_READ, { ...TIMERS, bit: 3, name: 'TIMERS2' }]]) {
      const baseline = json(await a.inject({ method: 'GET', url: '/api/baseline' }));
      const current = (baseline.grouping as { flags: Parameters<typeof grouping>[0] }).flags;
      const names = new Set(current.map((f) => f.name));
      const id = await propose(a, [...current, ...flags.filter((f) => !names.has(f.name))]);
      assert.equal((await approve(b, id)).statusCode, 201);
    }
    const queued = await workerDbs[0]?.prisma.buildJob.count({ where: { status: 'queued' } });
    assert.equal(queued, 3);

    const workers = workerDbs.map(
      (db, i) =>
        new BuildWorker({
          prisma: db.prisma,
          kernelTest: fakeKernelTest(`worker-${i}`),
          workerId: `worker-${i}`,
          pollMs: 50,
        }),
    );
    for (const worker of workers) worker.start();
    try {
      for (let i = 0; i < 400; i++) {
        const open = await workerDbs[0]?.prisma.buildJob.count({
          where: { status: { in: ['queued', 'running'] } },
        });
        if (open === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const jobs = await a.prisma.buildJob.findMany({ include: { release: true } });
    assert.equal(jobs.length, 3, 'one job per release');
    assert.deepEqual(
      jobs.map((j) => j.status),
      ['passed', 'passed', 'passed'],
    );
    assert.equal(new Set(jobs.map((j) => j.releaseId)).size, 3);
    assert.equal(builds.length, 3, 'each release built once, by one worker');
    assert.equal(new Set(builds.map((x) => x.release)).size, 3);
    assert.equal(maxInFlight, 2, 'the two workers built at the same time');
    assert.deepEqual(new Set(jobs.map((j) => j.claimedBy)), new Set(['worker-0', 'worker-1']));
    // The verdicts are visible through either instance.
    for (const app of [a, b]) {
      const release = json(await app.inject({ method: 'GET', url: '/api/releases/1' }));
      assert.equal((release.build as { status: string }).status, 'passed');
    }
  });
});
