// Queue semantics of the build worker on both databases: claims with
// FOR UPDATE SKIP LOCKED, racing workers, lease expiry and re-queueing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Database, openDatabase } from '../src/db/open';
import { createPostgresDatabase, DB_KINDS } from '../src/testing';
import { claimBuildJob, renewBuildJobLease } from '../src/worker/claim-build-job';
import { expireGitHubBuildJobs } from '../src/worker/expire-github-build-jobs';
import { requeueStaleBuildJobs } from '../src/worker/requeue-stale-build-jobs';

for (const kind of DB_KINDS) {
  describe(`build queue on ${kind}`, () => {
    let db: Database;
    let drop: (() => Promise<void>) | undefined;
    /** On PostgreSQL: a second client, as a second API instance would have. */
    let other: Database | undefined;
    let releaseId: number;

    before(async () => {
      if (kind === 'postgres') {
        const pg = await createPostgresDatabase();
        drop = pg.drop;
        db = await openDatabase({ kind: 'postgres', url: pg.url });
        other = await openDatabase({ kind: 'postgres', url: pg.url });
      } else {
        db = await openDatabase({ kind: 'pglite', dataDir: null });
      }
      releaseId = (await db.prisma.release.findUniqueOrThrow({ where: { number: 0 } })).id;
    });
    after(async () => {
      await other?.close();
      await db.close();
      await drop?.();
    });

    const enqueue = async (count: number) => {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        ids.push((await db.prisma.buildJob.create({ data: { releaseId } })).id);
      }
      return ids;
    };
    const clear = () => db.prisma.buildJob.deleteMany({});

    test('claims the oldest queued job, once, and marks it running with a lease', async () => {
      await clear();
      const [first, second] = await enqueue(2);
      const a = await claimBuildJob(db.prisma, 'worker-a', 60);
      const b = await claimBuildJob(db.prisma, 'worker-b', 60);
      const none = await claimBuildJob(db.prisma, 'worker-c', 60);
      assert.deepEqual([a?.id, b?.id, none], [first, second, null]);
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id: first as number } });
      assert.equal(row.status, 'running');
      assert.equal(row.claimedBy, 'worker-a');
      assert.equal(row.attempts, 1);
      assert.ok(row.startedAt && row.leaseExpiresAt);
      // The lease is measured from the database's clock in UTC, like Prisma's own timestamps.
      const leftMs = row.leaseExpiresAt.getTime() - Date.now();
      assert.ok(leftMs > 50_000 && leftMs <= 61_000, `lease ends in ${leftMs} ms`);
    });

    test('racing workers (two instances on PostgreSQL) claim every job exactly once', async () => {
      await clear();
      const ids = await enqueue(30);
      const claimed: number[][] = [[], [], [], []];
      await Promise.all(
        claimed.map(async (mine, w) => {
          const prisma = (w % 2 === 1 && other ? other : db).prisma;
          for (;;) {
            const job = await claimBuildJob(prisma, `racer-${w}`, 60);
            if (!job) return;
            mine.push(job.id);
          }
        }),
      );
      const all = claimed.flat().sort((x, y) => x - y);
      assert.deepEqual(all, ids);
      const owners = await db.prisma.buildJob.groupBy({ by: ['claimedBy'], _count: true });
      assert.equal(
        owners.reduce((n, o) => n + o._count, 0),
        30,
      );
      if (kind === 'postgres') {
        // With a pool of connections the claims really interleave.
        assert.ok(claimed.filter((c) => c.length > 0).length > 1, 'more than one worker got work');
      }
    });

    test('an expired lease puts the job back in the queue; too many attempts fail it', async () => {
      await clear();
      const [id] = (await enqueue(1)) as [number];
      const expire = () =>
        db.prisma
          .$executeRaw`UPDATE "BuildJob" SET "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE id = ${id}`;

      assert.equal((await claimBuildJob(db.prisma, 'dead-1', 60))?.id, id);
      assert.deepEqual(await requeueStaleBuildJobs(db.prisma, 2), [], 'a live lease is left alone');
      await expire();
      const requeued = await requeueStaleBuildJobs(db.prisma, 2);
      assert.deepEqual(requeued, [{ id, releaseId, status: 'queued', claimedBy: 'dead-1' }]);
      assert.equal(
        await renewBuildJobLease(db.prisma, id, 'dead-1', 60),
        false,
        'the dead worker lost it',
      );

      assert.equal((await claimBuildJob(db.prisma, 'dead-2', 60))?.attempts, 2);
      await expire();
      const failed = await requeueStaleBuildJobs(db.prisma, 2);
      assert.equal(failed[0]?.status, 'failed');
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id } });
      assert.equal(row.status, 'failed');
      assert.match(row.reason ?? '', /stopped answering 2 times/);
      assert.ok(row.finishedAt);
      assert.equal(await claimBuildJob(db.prisma, 'w', 60), null);
    });

    test('jobs handed to GitHub are not lease-requeued', async () => {
      await clear();
      const [id] = (await enqueue(1)) as [number];
      await claimBuildJob(db.prisma, 'w', 60);
      await db.prisma
        .$executeRaw`UPDATE "BuildJob" SET runner = 'github', "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 hour' WHERE id = ${id}`;
      assert.deepEqual(await requeueStaleBuildJobs(db.prisma, 3), []);
    });

    test('a job waiting for GitHub fails after the timeout, not before', async () => {
      await clear();
      const [id] = (await enqueue(1)) as [number];
      await claimBuildJob(db.prisma, 'w', 60);
      await db.prisma
        .$executeRaw`UPDATE "BuildJob" SET runner = 'github', "startedAt" = (now() AT TIME ZONE 'UTC') - interval '2 hours' WHERE id = ${id}`;
      assert.deepEqual(await expireGitHubBuildJobs(db.prisma, 3), []);
      assert.deepEqual(await expireGitHubBuildJobs(db.prisma, 1), [{ id, releaseId }]);
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id } });
      assert.equal(row.status, 'failed');
      assert.equal(row.reason, 'no verdict came back from GitHub within 1 h');
    });

    test('renewing extends only a lease the worker holds', async () => {
      await clear();
      const [id] = (await enqueue(1)) as [number];
      await claimBuildJob(db.prisma, 'holder', 5);
      assert.equal(await renewBuildJobLease(db.prisma, id, 'holder', 600), true);
      assert.equal(await renewBuildJobLease(db.prisma, id, 'someone-else', 600), false);
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id } });
      assert.ok((row.leaseExpiresAt as Date).getTime() - Date.now() > 500_000);
    });
  });
}
