import type { PrismaClient } from '../db/types';
import type { Role } from '../generated/prisma/client';
import { conflict, forbidden, notFound } from '../lib/problem';
import { reviewInclude } from './add-review';
import { appendEvent } from './append-event';
import { lockProposal } from './find-proposal';
import { MAIL_ACCOUNT_NAME } from './mail/mail-account';

/**
 * The author of a concern marks it resolved; it no longer blocks approval, so
 * this takes the proposal lock that approval takes, and reads the review again
 * under it. A concern raised by mail by someone outside Dust (who cannot sign
 * in) is resolved by a maintainer (docs/design.md, "Mail").
 */
export async function resolveReview(
  prisma: PrismaClient,
  actorId: number,
  reviewId: number,
  actorRole: Role = 'contributor',
) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.review.findUnique({
      where: { id: reviewId },
      select: { revision: { select: { proposalId: true } } },
    });
    if (!found) throw notFound(`Review ${reviewId}`);
    await lockProposal(tx, found.revision.proposalId);
    const review = await tx.review.findUniqueOrThrow({
      where: { id: reviewId },
      include: reviewInclude,
    });
    const outsider = review.author.name === MAIL_ACCOUNT_NAME;
    if (outsider && actorRole === 'contributor')
      throw forbidden('A concern raised by mail from outside Dust is resolved by a maintainer.');
    if (!outsider && review.authorId !== actorId)
      throw forbidden(`Only ${review.author.name}, who raised it, can resolve it.`);
    if (review.verdict !== 'concern')
      throw conflict('not-a-concern', `Review ${reviewId} is a ${review.verdict}, not a concern.`);
    if (review.resolved) return review;
    const resolved = await tx.review.update({
      where: { id: reviewId },
      data: { resolved: true, resolvedAt: new Date() },
      include: reviewInclude,
    });
    await appendEvent(tx, {
      type: 'review.resolved',
      actorId,
      proposalId: review.revision.proposalId,
      revisionId: review.revisionId,
      data: { reviewId },
    });
    return resolved;
  });
}
