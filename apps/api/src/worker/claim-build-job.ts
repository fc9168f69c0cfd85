import type { PrismaClient } from '../generated/prisma/client';

export interface ClaimedBuildJob {
  id: number;
  releaseId: number;
  attempts: number;
}

/**
 * Claims the oldest queued job for this worker. One statement: the inner SELECT
 * locks the row with FOR UPDATE SKIP LOCKED, so workers of several API instances
 * never wait on each other and never claim the same job; the outer UPDATE marks
 * it running with a lease measured on the database clock (one clock for every
 * instance). Works the same on PGlite and PostgreSQL. Columns are `timestamp`
 * holding UTC (Prisma's convention), hence `now() AT TIME ZONE 'UTC'`.
 */
export async function claimBuildJob(
  prisma: PrismaClient,
  workerId: string,
  leaseSeconds: number,
): Promise<ClaimedBuildJob | null> {
  const rows = await prisma.$queryRaw<ClaimedBuildJob[]>`
    UPDATE "BuildJob"
       SET status = 'running',
           "claimedBy" = ${workerId},
           attempts = attempts + 1,
           "startedAt" = (now() AT TIME ZONE 'UTC'),
           "finishedAt" = NULL,
           "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + ${Math.ceil(leaseSeconds)}::integer * interval '1 second',
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE status = 'queued'
       AND id = (SELECT id FROM "BuildJob"
                  WHERE status = 'queued'
                  ORDER BY id
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED)
 RETURNING id, "releaseId", attempts`;
  return rows[0] ?? null;
}

/**
 * Extends the lease of a job this worker still holds. Returns false when the job
 * is no longer ours (its lease expired and another worker re-queued it): the
 * caller must then stop working on it.
 */
export async function renewBuildJobLease(
  prisma: PrismaClient,
  jobId: number,
  workerId: string,
  leaseSeconds: number,
): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "BuildJob"
       SET "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + ${Math.ceil(leaseSeconds)}::integer * interval '1 second',
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE id = ${jobId} AND "claimedBy" = ${workerId} AND status = 'running'`;
  return count === 1;
}
