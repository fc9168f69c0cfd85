import type { PrismaClient } from '../db/types';
import type { Verdict } from '../generated/prisma/client';
import { forbidden } from '../lib/problem';
import { appendEvent } from './append-event';
import { cancelRunningFcp } from './fcp/cancel-running-fcp';
import { findProposal, findRevision, lockProposal } from './find-proposal';
import { MAIL_ORIGIN_SELECT } from './mail/present-mail';
import { assertOpen } from './proposal-guards';

export const reviewInclude = {
  author: { select: { id: true, name: true } },
  revision: { select: { number: true, proposalId: true } },
  inboundMail: { select: MAIL_ORIGIN_SELECT },
} as const;

/**
 * ack / nak / concern on one revision, by anyone but the proposal's author.
 * A concern blocks approval, so the review takes the proposal lock that
 * approval takes (approval/lock-for-approval.ts): an approval and a concern
 * posted at the same moment are ordered, and the later one sees the earlier.
 */
export async function addReview(
  prisma: PrismaClient,
  authorId: number,
  proposalId: number,
  number: number,
  input: { verdict: Verdict; body: string },
) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, proposalId);
    const proposal = await findProposal(tx, proposalId);
    if (proposal.authorId === authorId)
      throw forbidden('Authors do not review their own proposals.');
    assertOpen(proposal);
    const revision = await findRevision(tx, proposalId, number);
    const review = await tx.review.create({
      data: { revisionId: revision.id, verdict: input.verdict, body: input.body, authorId },
      include: reviewInclude,
    });
    await appendEvent(tx, {
      type: 'review.created',
      actorId: authorId,
      proposalId,
      revisionId: revision.id,
      data: { reviewId: review.id, verdict: review.verdict, revision: number },
    });
    if (review.verdict === 'concern') await cancelRunningFcp(tx, proposalId, 'concern', authorId);
    return review;
  });
}
