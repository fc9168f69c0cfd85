import { isUniqueViolation } from '../db/errors';
import type { PrismaClient } from '../db/types';
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
    return await prisma.$transaction(async (tx) => {
      const suggestion = await tx.nameSuggestion.findUnique({ where: { id: suggestionId } });
      if (!suggestion) throw notFound(`Name suggestion ${suggestionId}`);
      await tx.nameVote.create({ data: { suggestionId, userId } });
      await appendEvent(tx, {
        type: 'name-suggestion.voted',
        actorId: userId,
        proposalId: suggestion.proposalId,
        data: { suggestionId },
      });
      return tx.nameSuggestion.findUniqueOrThrow({
        where: { id: suggestionId },
        include: suggestionInclude,
      });
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
  return prisma.$transaction(async (tx) => {
    const suggestion = await tx.nameSuggestion.findUnique({ where: { id: suggestionId } });
    if (!suggestion) throw notFound(`Name suggestion ${suggestionId}`);
    const { count } = await tx.nameVote.deleteMany({ where: { suggestionId, userId } });
    if (count > 0) {
      await appendEvent(tx, {
        type: 'name-suggestion.unvoted',
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
