// Anything that changes what a final comment period asked people to look at
// ends it (docs/design.md, "Review workflow"): a concern, a new revision, a
// moved baseline, the proposal closing, a direct approval, or a maintainer.
// Called inside the caller's transaction, under the proposal lock.
import type { Tx } from '../../db/types';
import { appendEvent } from '../append-event';

export type FcpCancelReason =
  | 'concern'
  | 'new-revision'
  | 'baseline-moved'
  | 'proposal-closed'
  | 'approved'
  | 'cancelled'
  /** A failed automatic approval is cancelled with the refusal's problem type. */
  | (string & {});

/** Cancels the proposal's running FCP, if any, with an event naming why; true if there was one. */
export async function cancelRunningFcp(
  tx: Tx,
  proposalId: number,
  reason: FcpCancelReason,
  actorId: number | null,
  detail?: string,
): Promise<boolean> {
  const running = await tx.finalCommentPeriod.findFirst({
    where: { proposalId, status: 'running' },
    include: { revision: { select: { number: true } } },
  });
  if (!running) return false;
  await tx.finalCommentPeriod.update({
    where: { id: running.id },
    data: { status: 'cancelled', cancelReason: reason, endedAt: new Date() },
  });
  await appendEvent(tx, {
    type: 'fcp.cancelled',
    actorId,
    proposalId,
    revisionId: running.revisionId,
    data: {
      fcpId: running.id,
      disposition: running.disposition,
      revision: running.revision.number,
      reason,
      ...(detail ? { detail } : {}),
    },
  });
  return true;
}
