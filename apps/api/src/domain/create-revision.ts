import type { Grouping } from '@dust/model';
import type { PrismaClient, Tx } from '../db/types';
import type { AuthUser } from '../plugins/app/auth';
import { findProposal, findRevision, type LoadedProposal, lockProposal } from './find-proposal';
import { assertAuthorOfOpenProposal } from './proposal-guards';
import { writeRevision } from './write-revision';

/** Appends a revision after the latest one, inside the caller's transaction. */
export async function appendRevision(
  tx: Tx,
  proposal: LoadedProposal,
  input: {
    grouping: Grouping;
    changelog: string;
    authorId: number;
    actorId?: number;
    origin: string;
  },
) {
  const latest = proposal.revisions.at(-1) ?? null;
  return writeRevision(tx, {
    proposalId: proposal.id,
    previous: latest ? { number: latest.number, grouping: latest.grouping } : null,
    ...input,
  });
}

export async function createRevision(
  prisma: PrismaClient,
  actor: AuthUser,
  proposalId: number,
  input: { grouping: Grouping; changelog: string },
) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, proposalId);
    const proposal = await findProposal(tx, proposalId);
    assertAuthorOfOpenProposal(proposal, actor);
    const revision = await appendRevision(tx, proposal, {
      ...input,
      authorId: actor.id,
      origin: 'created',
    });
    return findRevision(tx, proposalId, revision.number);
  });
}
