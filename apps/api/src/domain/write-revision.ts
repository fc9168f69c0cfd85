// The one way revisions come to exist (new proposal, new revision, adopted
// name, rebase): validated against the current baseline, recorded with that
// baseline's number, immutable afterwards.
import { diffGroupings, type Grouping, validateGrouping } from '@dust/model';
import type { Tx } from '../db/types';
import { asGrouping } from '../lib/present';
import { badRequest } from '../lib/problem';
import { appendEvent } from './append-event';
import { cancelRunningFcp } from './fcp/cancel-running-fcp';
import { getBaseline } from './get-baseline';
import { refreshProposalSearch } from './refresh-proposal-search';

export interface RevisionInput {
  proposalId: number;
  /** null for the first revision of a new proposal. */
  previous: { number: number; grouping: unknown } | null;
  grouping: Grouping;
  changelog: string;
  /** Whoever wrote the grouping: a rebase keeps the rebased revision's author. */
  authorId: number;
  /** Who made this revision exist (the events' actor); defaults to the author. */
  actorId?: number;
  /** Why this revision exists, for the event: "created", "adopted-name", "rebased". */
  origin: string;
}

export async function writeRevision(tx: Tx, input: RevisionInput) {
  const actorId = input.actorId ?? input.authorId;
  const baseline = await getBaseline(tx);
  const report = validateGrouping(input.grouping, { baseline: baseline.grouping });
  // The body schema already checked the structure; this guards the other callers.
  if (!report.grouping)
    throw badRequest('The grouping does not match the format.', report.diagnostics);
  const number = (input.previous?.number ?? 0) + 1;
  const revision = await tx.revision.create({
    data: {
      proposalId: input.proposalId,
      number,
      grouping: report.grouping,
      changelog: input.changelog,
      baseRelease: baseline.release.number,
      valid: report.valid,
      diagnostics: report.diagnostics,
      authorId: input.authorId,
    },
  });
  // Written against the current baseline, so it is no longer stale.
  await tx.proposal.update({
    where: { id: input.proposalId },
    data: { latestRevision: number, stale: false },
  });
  const changed =
    input.previous !== null &&
    !diffGroupings(asGrouping(input.previous.grouping), report.grouping).identical;
  if (changed) {
    // Acks were given to a grouping that no longer is the proposal's.
    const { count } = await tx.review.updateMany({
      where: { revision: { proposalId: input.proposalId }, verdict: 'ack', outdated: false },
      data: { outdated: true },
    });
    if (count > 0) {
      await appendEvent(tx, {
        type: 'reviews.outdated',
        actorId,
        proposalId: input.proposalId,
        revisionId: revision.id,
        data: { acks: count },
      });
    }
  }
  // Its flag names and descriptions are searchable from now on.
  await refreshProposalSearch(tx, input.proposalId);
  // A final comment period was about the revision this one replaces.
  await cancelRunningFcp(tx, input.proposalId, 'new-revision', actorId);
  await appendEvent(tx, {
    type: 'revision.created',
    actorId,
    proposalId: input.proposalId,
    revisionId: revision.id,
    data: {
      number,
      baseRelease: baseline.release.number,
      valid: report.valid,
      origin: input.origin,
    },
  });
  return revision;
}
