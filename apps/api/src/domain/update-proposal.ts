import type { PrismaClient } from '../db/types';
import type { AuthUser } from '../plugins/app/auth';
import { appendEvent } from './append-event';
import { findProposal, lockProposal } from './find-proposal';
import { assertAuthorOfOpenProposal } from './proposal-guards';

export interface ProposalChanges {
  title?: string | undefined;
  rationale?: string | undefined;
  status?: 'withdrawn' | undefined;
}

/** The author edits title/rationale or withdraws, while the proposal is open. */
export async function updateProposal(
  prisma: PrismaClient,
  actor: AuthUser,
  id: number,
  changes: ProposalChanges,
) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, id);
    const proposal = await findProposal(tx, id);
    assertAuthorOfOpenProposal(proposal, actor);
    const data = {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.rationale !== undefined ? { rationale: changes.rationale } : {}),
      ...(changes.status ? { status: changes.status } : {}),
    };
    await tx.proposal.update({ where: { id }, data });
    await appendEvent(tx, {
      type: changes.status === 'withdrawn' ? 'proposal.withdrawn' : 'proposal.edited',
      actorId: actor.id,
      proposalId: id,
      data: { fields: Object.keys(data) },
    });
    return findProposal(tx, id);
  });
}
