import type { Grouping } from '@dust/model';
import { renderReleaseSeries } from '../domain/releases/render-release-series';
import type { PrismaClient } from '../generated/prisma/client';
import type { GitHubTarget } from '../github/create-github-client';
import { publishSeries } from '../github/publish-series';
import type { ClaimedBuildJob } from './claim-build-job';
import { renewBuildJobLease } from './claim-build-job';
import { failBuildJob, finishBuildJob } from './finish-build-job';
import type { KernelTestFn } from './kernel-test-types';
import { recordBuildEvent } from './record-build-event';

export interface BuildRunContext {
  prisma: PrismaClient;
  workerId: string;
  leaseSeconds: number;
  kernelTest: KernelTestFn;
  /** When set, the series goes to GitHub and the verdict comes back by webhook. */
  github?: GitHubTarget;
  /** Aborted when this instance shuts down. */
  shutdown: AbortSignal;
}

export type BuildRunOutcome =
  /** Verdict stored. */
  | 'finished'
  /** Handed to GitHub; the webhook finishes it. */
  | 'published'
  /** Lost the lease to another worker; nothing stored. */
  | 'lost'
  /** Interrupted by shutdown; the caller gives the job back. */
  | 'interrupted';

export async function runBuildJob(
  ctx: BuildRunContext,
  job: ClaimedBuildJob,
): Promise<BuildRunOutcome> {
  const { prisma, workerId } = ctx;
  await recordBuildEvent(prisma, 'build.started', job, { workerId, attempt: job.attempts });
  const release = await prisma.release.findUniqueOrThrow({ where: { id: job.releaseId } });

  let rendered: Awaited<ReturnType<typeof renderReleaseSeries>>;
  try {
    rendered = await renderReleaseSeries(prisma, release.number);
  } catch (error) {
    return finishFailed(ctx, job, 'the patch series could not be rendered', error);
  }
  if (rendered.kind !== 'ok') {
    const verdict = {
      status: 'skipped' as const,
      reason: `release ${release.number} has no patch series to test`,
      stages: [],
      checkpatch: null,
      flags: [],
      checks: [],
    };
    return finishWith(ctx, job, verdict);
  }
  if (ctx.github) {
    return publishToGitHub(ctx, job, release.number, rendered.series, release.grouping as Grouping);
  }

  // The lease is renewed while the test runs; losing it (this process stalled
  // past the lease and another worker re-queued the job) aborts the test.
  const stop = new AbortController();
  const onShutdown = () => stop.abort(ctx.shutdown.reason);
  ctx.shutdown.addEventListener('abort', onShutdown, { once: true });
  let lost = false;
  const heartbeat = setInterval(
    () => {
      renewBuildJobLease(prisma, job.id, workerId, ctx.leaseSeconds)
        .then((held) => {
          if (!held) {
            lost = true;
            stop.abort(new Error('lease lost'));
          }
        })
        .catch(() => {
          // A failed renewal is retried on the next beat; the lease has slack for it.
        });
    },
    Math.max(1000, (ctx.leaseSeconds * 1000) / 3),
  );
  try {
    // On shutdown or a lost lease the signal ends the harness's running commands
    // (their whole process group); the worker stops waiting for it at once and the
    // job's state is decided here.
    const verdict = await abortable(
      ctx.kernelTest({
        grouping: release.grouping as Grouping,
        series: rendered.series,
        signal: stop.signal,
      }),
      stop.signal,
    );
    if (lost) return 'lost';
    if (ctx.shutdown.aborted) return 'interrupted';
    return await finishWith(ctx, job, verdict);
  } catch (error) {
    if (lost) return 'lost';
    if (ctx.shutdown.aborted) return 'interrupted';
    return finishFailed(ctx, job, 'the kernel test harness crashed', error);
  } finally {
    clearInterval(heartbeat);
    ctx.shutdown.removeEventListener('abort', onShutdown);
  }
}

async function finishWith(
  ctx: BuildRunContext,
  job: ClaimedBuildJob,
  verdict: Parameters<typeof finishBuildJob>[3],
): Promise<BuildRunOutcome> {
  if (!(await finishBuildJob(ctx.prisma, job.id, ctx.workerId, verdict))) return 'lost';
  await recordBuildEvent(ctx.prisma, 'build.finished', job, {
    status: verdict.status,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
  });
  return 'finished';
}

async function finishFailed(
  ctx: BuildRunContext,
  job: ClaimedBuildJob,
  reason: string,
  error: unknown,
): Promise<BuildRunOutcome> {
  const detail = error instanceof Error ? error.message : String(error);
  if (!(await failBuildJob(ctx.prisma, job.id, ctx.workerId, `${reason}: ${detail}`, detail))) {
    return 'lost';
  }
  await recordBuildEvent(ctx.prisma, 'build.finished', job, { status: 'failed', reason });
  return 'finished';
}

async function publishToGitHub(
  ctx: BuildRunContext,
  job: ClaimedBuildJob,
  release: number,
  series: { version: string; files: { name: string; content: string }[] },
  grouping: Grouping,
): Promise<BuildRunOutcome> {
  const github = ctx.github as GitHubTarget;
  try {
    const published = await publishSeries(github, {
      release,
      title: `Dust release ${release}: SECCOMP flags mode ${series.version}`,
      body: `Patch series ${series.version} of Dust release ${release}. The workflow runs \`dust kernel-test\` on \`dust/release-${release}/\` and reports back through the signed webhook.`,
      // grouping.json beside the patches: `dust kernel-test DIR` reads it for the boot test.
      files: [
        ...series.files,
        { name: 'grouping.json', content: `${JSON.stringify(grouping, null, 2)}\n` },
      ],
    });
    const { count } = await ctx.prisma.buildJob.updateMany({
      where: { id: job.id, claimedBy: ctx.workerId, status: 'running' },
      data: {
        runner: 'github',
        externalUrl: published.pullUrl,
        leaseExpiresAt: null,
        log: `published ${published.branch} at ${published.commitSha}: ${published.pullUrl}\n`,
      },
    });
    if (count !== 1) return 'lost';
    await recordBuildEvent(ctx.prisma, 'build.published', job, {
      pullUrl: published.pullUrl,
      commit: published.commitSha,
    });
    return 'published';
  } catch (error) {
    return finishFailed(ctx, job, 'publishing the series to GitHub failed', error);
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
