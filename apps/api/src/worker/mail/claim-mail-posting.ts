// The outbox queue, claimed like the build queue (docs/design.md, "Builds"):
// one statement whose inner SELECT … FOR UPDATE SKIP LOCKED picks the oldest
// due posting, so instances never claim the same one; the claim is a lease on
// the database clock. A message is sent only while its posting's lease is held.
import type { PrismaClient } from '../../generated/prisma/client';

export interface ClaimedPosting {
  id: number;
  kind: string;
  attempts: number;
}

export async function claimMailPosting(
  prisma: PrismaClient,
  workerId: string,
  leaseSeconds: number,
): Promise<ClaimedPosting | null> {
  const rows = await prisma.$queryRaw<ClaimedPosting[]>`
    UPDATE "MailPosting"
       SET status = 'sending',
           "claimedBy" = ${workerId},
           attempts = attempts + 1,
           "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + ${Math.ceil(leaseSeconds)}::integer * interval '1 second',
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE status = 'queued'
       AND id = (SELECT id FROM "MailPosting"
                  WHERE status = 'queued' AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
                  ORDER BY id
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED)
 RETURNING id, kind, attempts`;
  return rows[0] ?? null;
}

/** Extends the lease; false when the posting is no longer this worker's (then it must stop). */
export async function renewMailLease(
  prisma: PrismaClient,
  postingId: number,
  workerId: string,
  leaseSeconds: number,
): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "MailPosting"
       SET "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + ${Math.ceil(leaseSeconds)}::integer * interval '1 second'
     WHERE id = ${postingId} AND "claimedBy" = ${workerId} AND status = 'sending'`;
  return count === 1;
}

/** Postings whose worker died mid-send go back to the queue; what was sent stays sent. */
export async function requeueStaleMailPostings(prisma: PrismaClient): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "MailPosting"
       SET status = 'queued', "claimedBy" = NULL, "leaseExpiresAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE id IN (SELECT id FROM "MailPosting"
                   WHERE status = 'sending' AND "leaseExpiresAt" < (now() AT TIME ZONE 'UTC')
                   FOR UPDATE SKIP LOCKED)`;
}
