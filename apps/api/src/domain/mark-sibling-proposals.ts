// After an approval, every other open proposal was written against an older
// baseline. One whose latest revision asks for nothing the new release lacks is
// superseded (its changes landed through the approved one); the others go stale
// and must be rebased before they can be approved.
import { diffGroupings, type Grouping } from '@dust/model';
import type { Tx } from '../db/types';
import { asGrouping } from '../lib/present';
import { appendEvent } from './append-event';

/** True when `candidate` adds, renames or changes nothing relative to `release`. */
export function addsNothingTo(release: Grouping, candidate: Grouping): boolean {
  const d = diffGroupings(release, candidate);
  return (
    d.kernel === null &&
    d.policy.length === 0 &&
    d.flagsAdded.length === 0 &&
    d.flagsRenamed.length === 0 &&
    d.bitsChanged.length === 0 &&
    d.descriptionsChanged.length === 0 &&
    d.syscallsChanged.every((change) => change.added.length === 0)
  );
}

export async function markSiblingProposals(
  tx: Tx,
  approved: { proposalId: number; actorId: number; releaseId: number; releaseNumber: number },
  releaseGrouping: Grouping,
): Promise<void> {
  // Lock them first (in id order; only approvals, which hold the release lock,
  // lock more than one proposal): a sibling's revision written meanwhile is then
  // either committed and read below, or written after this approval commits.
  await tx.$queryRaw`SELECT id FROM "Proposal" WHERE status = 'open' AND id <> ${approved.proposalId} ORDER BY id FOR UPDATE`;
  const siblings = await tx.proposal.findMany({
    where: { status: 'open', id: { not: approved.proposalId } },
    select: { id: true, stale: true, latestRevision: true },
    orderBy: { id: 'asc' },
  });
  for (const sibling of siblings) {
    const latest = await tx.revision.findUniqueOrThrow({
      where: { proposalId_number: { proposalId: sibling.id, number: sibling.latestRevision } },
      select: { grouping: true },
    });
    const superseded = addsNothingTo(releaseGrouping, asGrouping(latest.grouping));
    if (!superseded && sibling.stale) continue;
    await tx.proposal.update({
      where: { id: sibling.id },
      data: superseded ? { status: 'superseded', stale: false } : { stale: true },
    });
    await appendEvent(tx, {
      type: superseded ? 'proposal.superseded' : 'proposal.stale',
      actorId: approved.actorId,
      proposalId: sibling.id,
      releaseId: approved.releaseId,
      data: {
        release: approved.releaseNumber,
        ...(superseded ? { by: approved.proposalId } : {}),
      },
    });
  }
}
