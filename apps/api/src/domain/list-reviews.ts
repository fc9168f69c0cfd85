import type { PrismaClient } from '../db/types';
import { reviewInclude } from './add-review';
import { findProposal } from './find-proposal';

/** Reviews of a proposal (all revisions, or one), oldest first. */
export async function listReviews(prisma: PrismaClient, proposalId: number, revision?: number) {
  await findProposal(prisma, proposalId);
  return prisma.review.findMany({
    where: { revision: { proposalId, ...(revision !== undefined ? { number: revision } : {}) } },
    include: reviewInclude,
    orderBy: { id: 'asc' },
  });
}
