// Starting a final comment period (docs/design.md, "Review workflow"): a
// maintainer proposes a disposition for the proposal's latest revision; it is
// refused (409 fcp-blocked, naming the check) while the revision could not get
// that disposition now. Under the proposal lock, so a concern or a revision
// written at the same moment is ordered before or after it.
import { databaseNow } from '../../db/database-now';
import type { PrismaClient } from '../../db/types';
import { conflict, ProblemError } from '../../lib/problem';
import type { AuthUser } from '../../plugins/app/auth';
import { appendEvent } from '../append-event';
import {
  assertNoOpenConcerns,
  assertOnBaselineAndValid,
  assertOpenAndLatest,
} from '../approval/assert-approvable';
import { findProposal, findRevision, lockProposal } from '../find-proposal';
import { getBaseline } from '../get-baseline';

export type FcpDisposition = 'approve' | 'reject';

export async function startFcp(
  prisma: PrismaClient,
  actor: AuthUser,
  proposalId: number,
  number: number,
  input: { disposition: FcpDisposition; hours: number },
) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, proposalId);
    const proposal = await findProposal(tx, proposalId);
    const revision = await findRevision(tx, proposalId, number);
    await blocked(async () => {
      assertOpenAndLatest(proposal, revision);
      await assertNoOpenConcerns(tx, proposalId);
      if (input.disposition === 'approve') {
        assertOnBaselineAndValid(revision, await getBaseline(tx));
      }
    });
    const running = await tx.finalCommentPeriod.findFirst({
      where: { proposalId, status: 'running' },
    });
    if (running) {
      throw conflict(
        'fcp-blocked',
        `A final comment period (${running.disposition}) is already running on proposal ${proposalId}; cancel it first.`,
        { reason: 'fcp-running' },
      );
    }
    const startedAt = await databaseNow(tx);
    const endsAt = new Date(startedAt.getTime() + Math.round(input.hours * 3_600_000));
    const fcp = await tx.finalCommentPeriod.create({
      data: {
        proposalId,
        revisionId: revision.id,
        disposition: input.disposition,
        startedById: actor.id,
        startedAt,
        endsAt,
      },
    });
    await appendEvent(tx, {
      type: 'fcp.started',
      actorId: actor.id,
      proposalId,
      revisionId: revision.id,
      data: {
        fcpId: fcp.id,
        disposition: fcp.disposition,
        revision: number,
        endsAt: endsAt.toISOString(),
      },
    });
    return findProposal(tx, proposalId);
  });
}

/** Runs the checks; a refusal becomes 409 fcp-blocked whose reason is the check's problem type. */
async function blocked(checks: () => Promise<void>): Promise<void> {
  try {
    await checks();
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 409) throw error;
    throw conflict('fcp-blocked', `No final comment period can start: ${error.message}`, {
      reason: error.type.replace(/^urn:dust:problem:/, ''),
      ...(error.diagnostics ? { diagnostics: error.diagnostics } : {}),
    });
  }
}
