// What a proposal's final comment period means for an approval of it, read
// and settled inside the approval's transaction, under its locks
// (docs/design.md, "Review workflow"). One path for both: the worker that
// finishes an FCP and a maintainer who approves directly.
import { databaseNow } from '../../db/database-now';
import type { Tx } from '../../db/types';
import { conflict } from '../../lib/problem';
import { appendEvent } from '../append-event';
import type { LoadedRevision } from '../find-proposal';
import { cancelRunningFcp } from './cancel-running-fcp';

export interface FcpApprovalOptions {
  /** DUST_REQUIRE_FCP: a direct approval needs an approve FCP on this revision that ran out. */
  requireFcp?: boolean | undefined;
  /** The worker finishing this FCP: it must still be running and have run out. */
  viaFcp?: number | undefined;
}

interface RunningFcp {
  id: number;
  revisionId: number;
  disposition: 'approve' | 'reject';
  ranOut: boolean;
}

/** The proposal's running FCP (null if none), or 409 when this approval may not go ahead. */
export async function fcpForApproval(
  tx: Tx,
  proposalId: number,
  revision: LoadedRevision,
  opts: FcpApprovalOptions,
  phase: 'before-checks' | 'after-checks',
): Promise<RunningFcp | null> {
  const row = await tx.finalCommentPeriod.findFirst({
    where: { proposalId, status: 'running' },
  });
  const now = await databaseNow(tx);
  const running = row
    ? {
        id: row.id,
        revisionId: row.revisionId,
        disposition: row.disposition,
        ranOut: row.endsAt.getTime() <= now.getTime(),
      }
    : null;
  const ranOutOnThis =
    running?.revisionId === revision.id && running.disposition === 'approve' && running.ranOut;
  if (phase === 'before-checks' && opts.viaFcp !== undefined) {
    if (running?.id !== opts.viaFcp || !ranOutOnThis) {
      // Cancelled, finished by another instance, or not due: nothing to do.
      throw conflict('fcp-not-running', `Final comment period ${opts.viaFcp} is not due.`);
    }
  }
  if (phase === 'after-checks' && opts.requireFcp && opts.viaFcp === undefined && !ranOutOnThis) {
    throw conflict(
      'fcp-required',
      `Revision ${revision.number} needs a final comment period to approve that has run out (DUST_REQUIRE_FCP).`,
    );
  }
  return running;
}

/** After the release is written: a due approve FCP on it is finished, any other is cancelled. */
export async function settleFcpOnApproval(
  tx: Tx,
  running: RunningFcp | null,
  context: {
    actorId: number;
    proposalId: number;
    revision: LoadedRevision;
    release: { id: number; number: number };
  },
): Promise<void> {
  if (!running) return;
  const { actorId, proposalId, revision, release } = context;
  if (running.revisionId !== revision.id || running.disposition !== 'approve' || !running.ranOut) {
    await cancelRunningFcp(tx, proposalId, 'approved', actorId);
    return;
  }
  await tx.finalCommentPeriod.update({
    where: { id: running.id },
    data: { status: 'finished', endedAt: new Date() },
  });
  await appendEvent(tx, {
    type: 'fcp.finished',
    actorId,
    proposalId,
    revisionId: revision.id,
    releaseId: release.id,
    data: {
      fcpId: running.id,
      disposition: 'approve',
      revision: revision.number,
      release: release.number,
    },
  });
}

/** Every other open proposal was written against the old baseline: their FCPs end. */
export async function cancelSiblingFcps(tx: Tx, proposalId: number, actorId: number) {
  const siblings = await tx.finalCommentPeriod.findMany({
    where: { status: 'running', proposalId: { not: proposalId } },
    select: { proposalId: true },
    orderBy: { proposalId: 'asc' },
  });
  for (const sibling of siblings) {
    await cancelRunningFcp(tx, sibling.proposalId, 'baseline-moved', actorId);
  }
}
