import type { Grouping } from '@dust/model';
import type { PrismaClient } from '../db/types';
import { appendEvent } from './append-event';
import { findProposal } from './find-proposal';
import { writeRevision } from './write-revision';

export interface NewProposal {
  title: string;
  rationale: string;
  grouping: Grouping;
}

/** A proposal and its revision 1, written against the current baseline. */
export async function createProposal(prisma: PrismaClient, authorId: number, input: NewProposal) {
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.create({
      data: { title: input.title, rationale: input.rationale, authorId },
    });
    await appendEvent(tx, {
      type: 'proposal.created',
      actorId: authorId,
      proposalId: proposal.id,
      data: { title: input.title },
    });
    await writeRevision(tx, {
      proposalId: proposal.id,
      previous: null,
      grouping: input.grouping,
      changelog: '',
      authorId,
      origin: 'created',
    });
    return findProposal(tx, proposal.id);
  });
}
