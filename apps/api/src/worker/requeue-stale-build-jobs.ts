import type { PrismaClient } from '../generated/prisma/client';

export interface RequeuedBuildJob {
  id: number;
  releaseId: number;
  status: 'queued' | 'failed';
  claimedBy: string | null;
}

/**
 * Gives back jobs whose worker died: a running local job whose lease expired is
 * queued again, unless it has already been claimed `maxAttempts` times, in which
 * case it fails with that reason (a series that kills the worker every time must
 * not loop forever). Jobs handed to GitHub are not leased: their verdict comes by
 * webhook.
 */
export async function requeueStaleBuildJobs(
  prisma: PrismaClient,
  maxAttempts: number,
): Promise<RequeuedBuildJob[]> {
  const reason = `the worker stopped answering ${maxAttempts} times while running this job`;
  return prisma.$queryRaw<RequeuedBuildJob[]>`
    WITH stale AS (
      SELECT id, "claimedBy" FROM "BuildJob"
       WHERE status = 'running' AND runner = 'local' AND "leaseExpiresAt" < (now() AT TIME ZONE 'UTC')
       FOR UPDATE SKIP LOCKED
    )
    UPDATE "BuildJob" AS job
       SET status = CASE WHEN job.attempts >= ${maxAttempts}::integer
                         THEN 'failed'::"BuildStatus" ELSE 'queued'::"BuildStatus" END,
           reason = CASE WHEN job.attempts >= ${maxAttempts}::integer THEN ${reason} ELSE job.reason END,
           "finishedAt" = CASE WHEN job.attempts >= ${maxAttempts}::integer THEN (now() AT TIME ZONE 'UTC') ELSE NULL END,
           "claimedBy" = NULL,
           "leaseExpiresAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM stale
     WHERE job.id = stale.id
 RETURNING job.id, job."releaseId", job.status::text AS status, stale."claimedBy"`;
}
