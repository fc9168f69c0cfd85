import type { PrismaClient } from '../db/types';
import type { Role } from '../generated/prisma/client';
import { conflict, forbidden, notFound } from '../lib/problem';
import { reviewInclude } from './add-review';
import { appendEvent } from './append-event';
import { MAIL_ACCOUNT_NAME } from './mail/mail-account';

/**
 * The author of a concern marks it resolved; it no longer blocks approval. A
 * concern raised by mail by someone outside Dust (who cannot sign in) is
 * resolved by a maintainer (docs/design.md, "Mail").
 */
export async function resolveReview(
  prisma: PrismaClient,
  actorId: number,
  reviewId: number,
  actorRole: Role = 'contributor',
) {
  return prisma.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, include: reviewInclude });
    if (!review) throw notFound(`Review ${reviewId}`);
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
