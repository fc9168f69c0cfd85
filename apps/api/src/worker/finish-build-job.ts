import type { KernelVerdict } from '@dust/kernel';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { formatBuildLog, truncateLog } from './format-build-log';

/**
 * Stores a verdict on a job this worker still holds. Returns false when the job was
 * taken away meanwhile (lease expired, re-queued): a late verdict must not
 * overwrite the state another worker now owns.
 */
export async function finishBuildJob(
  prisma: PrismaClient,
  jobId: number,
  workerId: string,
  verdict: KernelVerdict,
): Promise<boolean> {
  const { count } = await prisma.buildJob.updateMany({
    where: { id: jobId, claimedBy: workerId, status: 'running' },
    data: {
      status: verdict.status,
      reason: verdict.reason ?? null,
      stages: verdict.stages.map(({ name, status, seconds }) => ({
        name,
        status,
        seconds,
      })) as Prisma.InputJsonValue,
      log: formatBuildLog(verdict),
      verdict: verdict as unknown as Prisma.InputJsonValue,
      finishedAt: new Date(),
      leaseExpiresAt: null,
    },
  });
  return count === 1;
}

/** A job that could not even run (render error, crashed harness): failed, with why. */
export async function failBuildJob(
  prisma: PrismaClient,
  jobId: number,
  workerId: string,
  reason: string,
  log: string,
): Promise<boolean> {
  const { count } = await prisma.buildJob.updateMany({
    where: { id: jobId, claimedBy: workerId, status: 'running' },
    data: {
      status: 'failed',
      reason,
      log: truncateLog(log),
      finishedAt: new Date(),
      leaseExpiresAt: null,
    },
  });
  return count === 1;
}

/**
 * Gives a job back to the queue when this instance shuts down mid-run, so another
 * instance picks it up at once instead of after the lease; the interrupted claim
 * does not count as an attempt.
 */
export async function releaseBuildJob(
  prisma: PrismaClient,
  jobId: number,
  workerId: string,
): Promise<boolean> {
  const { count } = await prisma.buildJob.updateMany({
    where: { id: jobId, claimedBy: workerId, status: 'running' },
    data: {
      status: 'queued',
      claimedBy: null,
      startedAt: null,
      leaseExpiresAt: null,
      attempts: { decrement: 1 },
    },
  });
  return count === 1;
}
