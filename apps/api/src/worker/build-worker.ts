import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { PrismaClient } from '../generated/prisma/client';
import type { GitHubTarget } from '../github/create-github-client';
import { claimBuildJob } from './claim-build-job';
import { expireGitHubBuildJobs } from './expire-github-build-jobs';
import { releaseBuildJob } from './finish-build-job';
import type { KernelTestFn } from './kernel-test-types';
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
  private readonly shutdown = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly leaseSeconds: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: BuildWorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.leaseSeconds = options.leaseSeconds ?? 120;
    this.pollMs = options.pollMs ?? 2000;
    this.maxAttempts = options.maxAttempts ?? 3;
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
        shutdown: this.shutdown.signal,
      },
      job,
    );
    if (outcome === 'interrupted') await releaseBuildJob(prisma, job.id, this.id);
    this.options.log?.info({ jobId: job.id, releaseId: job.releaseId, outcome }, 'build job done');
    return { jobId: job.id, outcome };
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
  }

  /** Checks the queue now instead of at the next poll (e.g. right after an approval). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops polling; a running kernel test is aborted and its job given back to the queue. */
  async stop(): Promise<void> {
    this.shutdown.abort(new Error('worker stopping'));
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.shutdown.signal.aborted) {
      let worked = false;
      try {
        worked = (await this.runOnce()) !== null;
      } catch (error) {
        if (this.shutdown.signal.aborted) break;
        this.options.log?.error({ err: error }, 'build worker iteration failed');
      }
      if (!worked) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    const signal = this.shutdown.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      signal.addEventListener('abort', done, { once: true });
      this.wakeUp = done;
    });
  }
}
