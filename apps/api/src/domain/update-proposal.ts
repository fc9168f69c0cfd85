import type { PrismaClient } from '../db/types';
import { forbidden } from '../lib/problem';
import { type AuthUser, hasRole } from '../plugins/app/auth';
import { appendEvent } from './append-event';
import { cancelRunningFcp } from './fcp/cancel-running-fcp';
import { findProposal, lockProposal } from './find-proposal';
import { assertAuthorOfOpenProposal, assertOpen } from './proposal-guards';
import { refreshProposalSearch } from './refresh-proposal-search';

export interface ProposalChanges {
  title?: string | undefined;
  rationale?: string | undefined;
  status?: 'withdrawn' | 'rejected' | undefined;
}

/**
 * While the proposal is open: its author edits title/rationale or withdraws it;
 * a maintainer rejects it (alone in the request: the reasons belong in a comment).
 */
export async function updateProposal(
  prisma: PrismaClient,
  actor: AuthUser,
  id: number,
  changes: ProposalChanges,
) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, id);
    const proposal = await findProposal(tx, id);
    if (changes.status === 'rejected') {
      if (!hasRole(actor, 'maintainer')) throw forbidden('Only maintainers reject proposals.');
      if (changes.title !== undefined || changes.rationale !== undefined) {
        throw forbidden("Rejecting does not edit the author's title or rationale.");
      }
      assertOpen(proposal);
    } else {
      assertAuthorOfOpenProposal(proposal, actor);
    }
    const data = {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.rationale !== undefined ? { rationale: changes.rationale } : {}),
      ...(changes.status ? { status: changes.status } : {}),
    };
    await tx.proposal.update({ where: { id }, data });
    await appendEvent(tx, {
      type: changes.status ? `proposal.${changes.status}` : 'proposal.edited',
      actorId: actor.id,
      proposalId: id,
      data: { fields: Object.keys(data) },
    });
    if (changes.status) await cancelRunningFcp(tx, id, 'proposal-closed', actor.id);
    if (changes.title !== undefined || changes.rationale !== undefined) {
      await refreshProposalSearch(tx, id);
    }
    return findProposal(tx, id);
  });
}
