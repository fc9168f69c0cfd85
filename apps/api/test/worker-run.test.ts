// The build worker end to end on both databases: it claims a job, renders the
// release's series with the real renderer, runs an injected kernel test, and
// stores the verdict with stage times, log and events.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { KernelVerdict } from '@dust/kernel';
import { runCommand } from '@dust/kernel/test/run-command';
import { type Database, openDatabase } from '../src/db/open';
import { createPostgresDatabase, DB_KINDS } from '../src/testing';
import { BuildWorker } from '../src/worker/build-worker';
import { claimBuildJob } from '../src/worker/claim-build-job';
import type { KernelTestFn, KernelTestRequest } from '../src/worker/kernel-test-types';
import { addRelease, sampleGrouping } from './releases-fixtures';

const passed: KernelVerdict = {
  status: 'passed',
  stages: [
    { name: 'apply', status: 'passed', seconds: 0.5, log: 'Applying: seccomp: add flags mode' },
    { name: 'build', status: 'passed', seconds: 95.25 },
    { name: 'boot', status: 'passed', seconds: 4 },
  ],
  checkpatch: { errors: 0, warnings: 2, perPatch: [] },
  flags: [
    { name: 'FILE_READ', status: 'passed' },
    { name: 'TIME', status: 'passed' },
  ],
  checks: [],
};

for (const kind of DB_KINDS) {
  describe(`build worker on ${kind}`, () => {
    let db: Database;
    let drop: (() => Promise<void>) | undefined;
    let pgUrl: string | undefined;
    let authorId: number;

    before(async () => {
      if (kind === 'postgres') {
        const pg = await createPostgresDatabase();
        drop = pg.drop;
        pgUrl = pg.url;
        db = await openDatabase({ kind: 'postgres', url: pg.url });
      } else {
        db = await openDatabase({ kind: 'pglite', dataDir: null });
      }
      authorId = (await db.prisma.user.create({ data: { name: 'ada', email: 'ada@example.org' } }))
        .id;
    });
    after(async () => {
      await db.close();
      await drop?.();
    });
    beforeEach(async () => {
      // Older tests' jobs must not be picked up by the next test's worker.
      await db.prisma.buildJob.updateMany({
        where: { status: 'queued' },
        data: { status: 'skipped' },
      });
    });

    const worker = (
      kernelTest: KernelTestFn,
      extra: Partial<ConstructorParameters<typeof BuildWorker>[0]> = {},
    ) => new BuildWorker({ prisma: db.prisma, kernelTest, pollMs: 50, ...extra });

    test('runs the kernel test on the rendered series and stores the verdict', async () => {
      const grouping = sampleGrouping();
      const { job, release } = await addRelease(db.prisma, grouping, {
        authorId,
        trailers: ['Acked-by: Bob <bob@example.org>'],
      });
      const seen: KernelTestRequest[] = [];
      const outcome = await worker(async (request) => {
        seen.push(request);
        return passed;
      }).runOnce();
      assert.deepEqual(outcome, { jobId: job?.id, outcome: 'finished' });
      assert.equal(seen.length, 1);
      assert.deepEqual(seen[0]?.grouping, grouping);
      const names = seen[0]?.series.files.map((f) => f.name) ?? [];
      assert.equal(names[0], '0000-cover-letter.patch');
      assert.ok(names.length >= 5, `a cover letter and the patches: ${names.join(', ')}`);
      assert.match(seen[0]?.series.mbox ?? '', /Acked-by: Bob <bob@example.org>/);

      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id: job?.id as number } });
      assert.equal(row.status, 'passed');
      assert.equal(row.reason, null);
      assert.deepEqual(row.stages, [
        { name: 'apply', status: 'passed', seconds: 0.5 },
        { name: 'build', status: 'passed', seconds: 95.25 },
        { name: 'boot', status: 'passed', seconds: 4 },
      ]);
      assert.match(row.log, /== build: passed \(95\.3 s\) ==/);
      assert.match(row.log, /Applying: seccomp: add flags mode/);
      assert.match(row.log, /checkpatch: 0 errors, 2 warnings/);
      assert.ok(row.finishedAt && row.startedAt);
      assert.equal(row.leaseExpiresAt, null);
      assert.deepEqual((row.verdict as { flags: unknown }).flags, passed.flags);

      // The series the worker rendered is the one stored for downloads.
      const artifact = await db.prisma.releaseArtifact.findUniqueOrThrow({
        where: { releaseId: release.id },
      });
      assert.equal(artifact.mbox, seen[0]?.series.mbox);

      const events = await db.prisma.event.findMany({
        where: { releaseId: release.id },
        orderBy: { id: 'asc' },
      });
      assert.deepEqual(
        events.map((e) => [e.type, (e.data as { status?: string }).status]),
        [
          ['build.started', undefined],
          ['build.finished', 'passed'],
        ],
      );
    });

    test('a failed verdict keeps its reason; a crashing harness fails the job with why', async () => {
      const { job: failing } = await addRelease(db.prisma, sampleGrouping(1), { authorId });
      await worker(async () => ({
        ...passed,
        status: 'failed',
        reason: 'boot: FILE_READ: openat was killed',
      })).runOnce();
      const failedRow = await db.prisma.buildJob.findUniqueOrThrow({
        where: { id: failing?.id as number },
      });
      assert.equal(failedRow.status, 'failed');
      assert.equal(failedRow.reason, 'boot: FILE_READ: openat was killed');

      const { job: crashing } = await addRelease(db.prisma, sampleGrouping(2), { authorId });
      await worker(async () => {
        throw new Error('qemu-system-x86_64: exploded');
      }).runOnce();
      const crashedRow = await db.prisma.buildJob.findUniqueOrThrow({
        where: { id: crashing?.id as number },
      });
      assert.equal(crashedRow.status, 'failed');
      assert.match(crashedRow.reason ?? '', /harness crashed: qemu-system-x86_64: exploded/);
    });

    test('an empty queue is not an error', async () => {
      assert.equal(await worker(async () => passed).runOnce(), null);
    });

    test('stopping mid-test gives the job back to the queue for another instance', async () => {
      const { job } = await addRelease(db.prisma, sampleGrouping(), { authorId });
      let started!: () => void;
      const running = new Promise<void>((resolve) => {
        started = resolve;
      });
      const w = worker(
        () =>
          new Promise<KernelVerdict>(() => {
            started(); // never settles: a build that takes minutes
          }),
      );
      w.start();
      await running;
      await w.stop();
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id: job?.id as number } });
      assert.equal(row.status, 'queued');
      assert.equal(row.claimedBy, null);
      assert.equal(row.attempts, 0, 'an interrupted claim is not an attempt');

      // Another instance picks it up and finishes it.
      assert.deepEqual(await worker(async () => passed).runOnce(), {
        jobId: job?.id,
        outcome: 'finished',
      });
    });

    test('a worker that lost its lease stores nothing', async () => {
      const { job } = await addRelease(db.prisma, sampleGrouping(), { authorId });
      const w = worker(
        async () => {
          // Meanwhile another instance decided this worker was dead and re-queued the job.
          await db.prisma.buildJob.update({
            where: { id: job?.id as number },
            data: { status: 'queued', claimedBy: null },
          });
          await new Promise((resolve) => setTimeout(resolve, 1500)); // past one heartbeat
          return passed;
        },
        { leaseSeconds: 1 },
      );
      assert.deepEqual(await w.runOnce(), { jobId: job?.id, outcome: 'lost' });
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id: job?.id as number } });
      assert.equal(row.status, 'queued');
      assert.equal(row.verdict, null);
    });

    test('a job whose lease is lost stops its child processes', async () => {
      const { job } = await addRelease(db.prisma, sampleGrouping(), { authorId });
      let grandchild = 0;
      let ended: Promise<{ aborted: boolean }> | undefined;
      const w = worker(
        async ({ signal }) => {
          // Like make or QEMU under the harness: a command whose own child does the work.
          ended = runCommand('sh', ['-c', 'sleep 60 & echo $!; wait'], {
            signal,
            onLine: (line) => {
              grandchild = Number(line);
            },
          });
          // Meanwhile another instance decided this worker was dead and re-queued the job.
          await db.prisma.buildJob.update({
            where: { id: job?.id as number },
            data: { status: 'queued', claimedBy: null },
          });
          await ended;
          return passed;
        },
        { leaseSeconds: 1 },
      );
      assert.deepEqual(await w.runOnce(), { jobId: job?.id, outcome: 'lost' });
      assert.equal((await ended)?.aborted, true, 'the command was ended by the lost lease');
      assert.ok(grandchild > 0, 'the command had started its child');
      const deadline = Date.now() + 5000;
      while (isAlive(grandchild) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(isAlive(grandchild), false, 'its child is gone too');
    });

    test('two instances draining one queue run each job exactly once', async () => {
      const second =
        kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: pgUrl as string }) : db;
      try {
        const jobs: number[] = [];
        for (let i = 0; i < 6; i++) {
          const { job } = await addRelease(db.prisma, sampleGrouping(i % 3), { authorId });
          jobs.push(job?.id as number);
        }
        const runs = new Map<string, number>();
        const harness: KernelTestFn = async ({ series }) => {
          const key = series.mbox;
          runs.set(key, (runs.get(key) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return passed;
        };
        const drain = async (w: BuildWorker) => {
          while (await w.runOnce()) {
            // keep going until the queue is empty
          }
        };
        await Promise.all([
          drain(
            new BuildWorker({ prisma: db.prisma, kernelTest: harness, workerId: 'instance-a' }),
          ),
          drain(
            new BuildWorker({ prisma: second.prisma, kernelTest: harness, workerId: 'instance-b' }),
          ),
        ]);
        const rows = await db.prisma.buildJob.findMany({ where: { id: { in: jobs } } });
        assert.deepEqual(
          rows.map((r) => [r.status, r.attempts]),
          jobs.map(() => ['passed', 1]),
        );
        assert.equal(runs.size, 6);
        assert.ok(
          [...runs.values()].every((n) => n === 1),
          'no series was tested twice',
        );
        const started = await db.prisma.event.count({
          where: { type: 'build.started', releaseId: { in: rows.map((r) => r.releaseId) } },
        });
        assert.equal(started, 6);
      } finally {
        if (second !== db) await second.close();
      }
    });

    test("a dead instance's job is re-queued by the next worker and finished, with events", async () => {
      const { job, release } = await addRelease(db.prisma, sampleGrouping(), { authorId });
      const id = job?.id as number;
      assert.equal((await claimBuildJob(db.prisma, 'crashed-instance', 60))?.id, id);
      await db.prisma
        .$executeRaw`UPDATE "BuildJob" SET "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE id = ${id}`;
      assert.deepEqual(await worker(async () => passed).runOnce(), {
        jobId: id,
        outcome: 'finished',
      });
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id } });
      assert.deepEqual([row.status, row.attempts], ['passed', 2]);
      const events = await db.prisma.event.findMany({
        where: { releaseId: release.id },
        orderBy: { id: 'asc' },
      });
      assert.deepEqual(
        events.map((e) => e.type),
        ['build.requeued', 'build.started', 'build.finished'],
      );
      assert.equal(
        (events[0]?.data as { previousWorker?: string } | undefined)?.previousWorker,
        'crashed-instance',
      );
    });

    test('release 0 has no series: its job is skipped with the reason', async () => {
      const zero = await db.prisma.release.findUniqueOrThrow({ where: { number: 0 } });
      const job = await db.prisma.buildJob.create({ data: { releaseId: zero.id } });
      await worker(async () => passed).runOnce();
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id: job.id } });
      assert.equal(row.status, 'skipped');
      assert.match(row.reason ?? '', /release 0 has no patch series/);
      // checkpatch never ran: not measured is null, never zero.
      assert.equal((row.verdict as { checkpatch?: unknown } | null)?.checkpatch, null);
      assert.match(row.log, /checkpatch: not run/);
    });
  });
}

describe('build worker with the real kernel test', () => {
  test('a missing toolchain or kernel tree is a skipped build with the reason', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { createRealKernelTest } = await import('../src/worker/real-kernel-test');
    const emptyTree = await mkdtemp(path.join(tmpdir(), 'dust-no-tree-'));
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      const author = await db.prisma.user.create({ data: { name: 'ada' } });
      const { job } = await addRelease(db.prisma, sampleGrouping(), { authorId: author.id });
      const w = new BuildWorker({
        prisma: db.prisma,
        kernelTest: createRealKernelTest({ tree: emptyTree }),
      });
      assert.deepEqual(await w.runOnce(), { jobId: job?.id, outcome: 'finished' });
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id: job?.id as number } });
      assert.equal(row.status, 'skipped');
      assert.match(row.reason ?? '', /kernel tree .*dust-no-tree-.*npm run kernel:setup/s);
    } finally {
      await db.close();
      await rm(emptyTree, { recursive: true, force: true });
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
