import type { PrismaClient } from '../../generated/prisma/client';

export interface DueFcp {
  id: number;
  proposalId: number;
}

/**
 * Claims one running final comment period that has run out, for this finisher,
 * as claimBuildJob does: the inner SELECT locks the row FOR UPDATE SKIP LOCKED,
 * so finishers of several instances never take the same one at once, and the
 * claim is a lease on the database clock, so one whose finisher died is taken
 * again. The claim only spreads the work: finishing happens under the proposal
 * lock and checks the period is still running, which is what makes it happen
 * exactly once (domain/fcp/finish-fcp.ts).
 */
export async function claimDueFcp(
  prisma: PrismaClient,
  finisherId: string,
  leaseSeconds: number,
): Promise<DueFcp | null> {
  const rows = await prisma.$queryRaw<DueFcp[]>`
    UPDATE "FinalCommentPeriod"
       SET "claimedBy" = ${finisherId},
           "claimExpiresAt" = (now() AT TIME ZONE 'UTC') + ${Math.ceil(leaseSeconds)}::integer * interval '1 second'
     WHERE id = (SELECT id FROM "FinalCommentPeriod"
                  WHERE status = 'running'
                    AND "endsAt" <= (now() AT TIME ZONE 'UTC')
                    AND ("claimExpiresAt" IS NULL OR "claimExpiresAt" < (now() AT TIME ZONE 'UTC'))
                  ORDER BY "endsAt", id
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED)
 RETURNING id, "proposalId"`;
  return rows[0] ?? null;
}
