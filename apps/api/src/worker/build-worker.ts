import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { PrismaClient } from '../generated/prisma/client';
import type { GitHubTarget } from '../github/create-github-client';
import { claimBuildJob } from './claim-build-job';
import { expireGitHubBuildJobs } from './expire-github-build-jobs';
import { releaseBuildJob } from './finish-build-job';
import type { KernelTestFn } from './kernel-test-types';
import { PollLoop } from './poll-loop';
import { recordBuildEvent } from './record-build-event';
import { requeueStaleBuildJobs } from './requeue-stale-build-jobs';
import { type BuildRunOutcome, runBuildJob } from './run-build-job';

export interface BuildWorkerOptions {
  prisma: PrismaClient;
  kernelTest: KernelTestFn;
  github?: GitHubTarget;
  leaseSeconds?: number;
  pollMs?: number;
  /** Claims of one job before a dead worker's job is failed instead of re-queued. */
  maxAttempts?: number;
  /** How long a job handed to GitHub may wait for its webhook (default 24). */
  githubTimeoutHours?: number;
  workerId?: string;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/**
 * The build queue's consumer: one job at a time (a kernel build uses every core),
 * polling the BuildJob table. Any number of these may run in different processes
 * against one database.
 */
export class BuildWorker {
  readonly id: string;
  private readonly loop: PollLoop;
  private readonly leaseSeconds: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: BuildWorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.leaseSeconds = options.leaseSeconds ?? 120;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.loop = new PollLoop({
      pollMs: options.pollMs ?? 2000,
      step: async () => (await this.runOnce()) !== null,
      onError: (error) => options.log?.error({ err: error }, 'build worker iteration failed'),
    });
  }

  /** Re-queues dead workers' jobs, then runs at most one job. Returns what happened. */
  async runOnce(): Promise<{ jobId: number; outcome: BuildRunOutcome } | null> {
    const { prisma } = this.options;
    for (const expired of await expireGitHubBuildJobs(
      prisma,
      this.options.githubTimeoutHours ?? 24,
    )) {
      await recordBuildEvent(prisma, 'build.finished', expired, {
        status: 'failed',
        reason: 'no verdict from GitHub',
      });
    }
    for (const stale of await requeueStaleBuildJobs(prisma, this.maxAttempts)) {
      await recordBuildEvent(
        prisma,
        stale.status === 'queued' ? 'build.requeued' : 'build.finished',
        stale,
        {
          status: stale.status,
          previousWorker: stale.claimedBy,
          reason: 'lease expired',
        },
      );
    }
    const job = await claimBuildJob(prisma, this.id, this.leaseSeconds);
    if (!job) return null;
    const outcome = await runBuildJob(
      {
        prisma,
        workerId: this.id,
        leaseSeconds: this.leaseSeconds,
        kernelTest: this.options.kernelTest,
        ...(this.options.github ? { github: this.options.github } : {}),
        shutdown: this.loop.signal,
      },
      job,
    );
    if (outcome === 'interrupted') await releaseBuildJob(prisma, job.id, this.id);
    this.options.log?.info({ jobId: job.id, releaseId: job.releaseId, outcome }, 'build job done');
    return { jobId: job.id, outcome };
  }

  start(): void {
    this.loop.start();
  }

  /** Checks the queue now instead of at the next poll (e.g. right after an approval). */
  wake(): void {
    this.loop.wake();
  }

  /** Stops polling; a running kernel test is aborted and its job given back to the queue. */
  async stop(): Promise<void> {
    await this.loop.stop(new Error('worker stopping'));
  }
}
