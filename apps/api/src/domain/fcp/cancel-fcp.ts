// A maintainer ends a running final comment period (DELETE /api/proposals/:id/fcp).
import type { PrismaClient } from '../../db/types';
import { notFound } from '../../lib/problem';
import type { AuthUser } from '../../plugins/app/auth';
import { findProposal, lockProposal } from '../find-proposal';
import { cancelRunningFcp } from './cancel-running-fcp';

export async function cancelFcp(prisma: PrismaClient, actor: AuthUser, proposalId: number) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, proposalId);
    await findProposal(tx, proposalId);
    if (!(await cancelRunningFcp(tx, proposalId, 'cancelled', actor.id))) {
      throw notFound(`A running final comment period on proposal ${proposalId}`);
    }
    return findProposal(tx, proposalId);
  });
}
