import type { PrismaClient } from '../db/types';
import { conflict, forbidden, notFound } from '../lib/problem';
import { reviewInclude } from './add-review';
import { appendEvent } from './append-event';

/** The author of a concern marks it resolved; it no longer blocks approval. */
export async function resolveReview(prisma: PrismaClient, actorId: number, reviewId: number) {
  return prisma.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, include: reviewInclude });
    if (!review) throw notFound(`Review ${reviewId}`);
    if (review.authorId !== actorId)
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
