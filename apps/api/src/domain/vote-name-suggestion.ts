import { isUniqueViolation } from '../db/errors';
import type { PrismaClient, Tx } from '../db/types';
import { conflict, notFound } from '../lib/problem';
import { appendEvent } from './append-event';
import { suggestionInclude } from './suggest-name';

/** One vote per user per suggestion (a unique pair in the database). */
export async function voteNameSuggestion(
  prisma: PrismaClient,
  userId: number,
  suggestionId: number,
) {
  try {
    return await changeVote(prisma, userId, suggestionId, 'name-suggestion.voted', async (tx) => {
      await tx.nameVote.create({ data: { suggestionId, userId } });
      return true;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw conflict('already-voted', `You already voted for name suggestion ${suggestionId}.`);
    }
    throw err;
  }
}

export async function unvoteNameSuggestion(
  prisma: PrismaClient,
  userId: number,
  suggestionId: number,
) {
  return changeVote(prisma, userId, suggestionId, 'name-suggestion.unvoted', async (tx) => {
    const { count } = await tx.nameVote.deleteMany({ where: { suggestionId, userId } });
    return count > 0;
  });
}

/**
 * Voting and taking a vote back, in one transaction: 404 for an unknown suggestion, the
 * change, an event only when the change did something, then the suggestion with its votes.
 */
async function changeVote(
  prisma: PrismaClient,
  userId: number,
  suggestionId: number,
  type: 'name-suggestion.voted' | 'name-suggestion.unvoted',
  change: (tx: Tx) => Promise<boolean>,
) {
  return prisma.$transaction(async (tx) => {
    const suggestion = await tx.nameSuggestion.findUnique({ where: { id: suggestionId } });
    if (!suggestion) throw notFound(`Name suggestion ${suggestionId}`);
    if (await change(tx)) {
      await appendEvent(tx, {
        type,
        actorId: userId,
        proposalId: suggestion.proposalId,
        data: { suggestionId },
      });
    }
    return tx.nameSuggestion.findUniqueOrThrow({
      where: { id: suggestionId },
      include: suggestionInclude,
    });
  });
}
