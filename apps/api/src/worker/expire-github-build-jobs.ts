import type { PrismaClient } from '../generated/prisma/client';

/**
 * A job handed to GitHub has no lease (the workflow may queue for a while), but it
 * must not stay "running" forever when the webhook never comes (workflow missing,
 * secret wrong, repository gone): past `hours` it fails with that reason.
 */
export async function expireGitHubBuildJobs(
  prisma: PrismaClient,
  hours: number,
): Promise<{ id: number; releaseId: number }[]> {
  const reason = `no verdict came back from GitHub within ${hours} h`;
  return prisma.$queryRaw<{ id: number; releaseId: number }[]>`
    UPDATE "BuildJob"
       SET status = 'failed',
           reason = ${reason},
           "finishedAt" = (now() AT TIME ZONE 'UTC'),
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE status = 'running' AND runner = 'github'
       AND "startedAt" < (now() AT TIME ZONE 'UTC') - ${Math.ceil(hours)}::integer * interval '1 hour'
 RETURNING id, "releaseId"`;
}
