import { syscallNames } from '@dust/model';
import type { PrismaClient } from '../db/types';
import { asGrouping } from '../lib/present';
import { badRequest } from '../lib/problem';
import { appendEvent } from './append-event';
import { findProposal } from './find-proposal';
import { refreshProposalSearch } from './refresh-proposal-search';

export interface NewComment {
  body: string;
  revision?: number | undefined;
  flag?: string | undefined;
  syscall?: string | undefined;
}

/** A comment on the proposal, optionally anchored to a revision, a flag of it, or a syscall. */
export async function addComment(
  prisma: PrismaClient,
  authorId: number,
  proposalId: number,
  input: NewComment,
) {
  return prisma.$transaction(async (tx) => {
    const proposal = await findProposal(tx, proposalId);
    const anchor =
      input.revision === undefined
        ? proposal.revisions.at(-1)
        : proposal.revisions.find((r) => r.number === input.revision);
    if (!anchor) throw badRequest(`Proposal ${proposalId} has no revision ${input.revision}.`);
    const grouping = asGrouping(anchor.grouping);
    if (input.flag !== undefined && !grouping.flags.some((f) => f.name === input.flag)) {
      throw badRequest(`Revision ${anchor.number} has no flag named "${input.flag}".`);
    }
    if (input.syscall !== undefined && !syscallNames(grouping.kernel).has(input.syscall)) {
      throw badRequest(`"${input.syscall}" is not a syscall of Linux ${grouping.kernel}.`);
    }
    const comment = await tx.comment.create({
      data: {
        proposalId,
        revisionNumber: input.revision ?? null,
        flag: input.flag ?? null,
        syscall: input.syscall ?? null,
        body: input.body,
        authorId,
      },
      include: { author: { select: { id: true, name: true } } },
    });
    await appendEvent(tx, {
      type: 'comment.created',
      actorId: authorId,
      proposalId,
      data: {
        commentId: comment.id,
        revision: comment.revisionNumber,
        flag: comment.flag,
        syscall: comment.syscall,
      },
    });
    await refreshProposalSearch(tx, proposalId);
    return comment;
  });
}
