import type { KernelVerdict } from '@dust/kernel';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { formatBuildLog, truncateLog } from '../../worker/format-build-log';
import { recordBuildEvent } from '../../worker/record-build-event';

export type GitHubVerdictResult =
  | { kind: 'recorded'; jobId: number }
  | { kind: 'no-job' }
  | { kind: 'already-finished'; jobId: number };

/**
 * Stores a verdict that came back from the repository's workflow on the release's
 * GitHub build job. Only a job still waiting for GitHub accepts one, so a replayed
 * or late webhook cannot rewrite a recorded verdict.
 */
export async function recordGitHubVerdict(
  prisma: PrismaClient,
  release: number,
  verdict: KernelVerdict,
  extra: { log?: string; runUrl?: string },
): Promise<GitHubVerdictResult> {
  const job = await prisma.buildJob.findFirst({
    where: { release: { number: release }, runner: 'github' },
    orderBy: { id: 'desc' },
  });
  if (!job) return { kind: 'no-job' };
  const log = [
    formatBuildLog(verdict),
    extra.runUrl ? `workflow run: ${extra.runUrl}` : '',
    extra.log ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  const { count } = await prisma.buildJob.updateMany({
    where: { id: job.id, status: 'running' },
    data: {
      status: verdict.status,
      reason: verdict.reason ?? null,
      stages: verdict.stages.map(({ name, status, seconds }) => ({ name, status, seconds })),
      verdict: verdict as unknown as Prisma.InputJsonValue,
      log: truncateLog(`${job.log}${log}`),
      finishedAt: new Date(),
    },
  });
  if (count !== 1) return { kind: 'already-finished', jobId: job.id };
  await recordBuildEvent(prisma, 'build.finished', job, {
    status: verdict.status,
    source: 'github',
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    ...(extra.runUrl ? { runUrl: extra.runUrl } : {}),
  });
  return { kind: 'recorded', jobId: job.id };
}
