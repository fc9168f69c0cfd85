// The locks every approval takes, in this order: the newest release row (so two
// approvals on one baseline run one after the other), then the proposal row.
// Every other write that changes whether a proposal may be approved takes the
// proposal lock (lockProposal) first, so it is ordered before or after the
// approval, never beside it (docs/design.md, "Review workflow"). Writers that
// lock a proposal never wait for the release row, so the order cannot deadlock.
import type { Tx } from '../../db/types';
import { lockProposal } from '../find-proposal';

export async function lockForApproval(tx: Tx, proposalId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Release" WHERE number = (SELECT max(number) FROM "Release") FOR UPDATE`;
  await lockProposal(tx, proposalId);
}
