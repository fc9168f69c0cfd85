// A final comment period that ran out untouched gets its disposition
// (docs/design.md, "Review workflow"): approval through approveRevision itself
// (same locks, checks, release, series, build and events, plus fcp.finished),
// or rejection. Whoever started it is the actor. Exactly once: both paths take
// the proposal lock and go ahead only while the period is still running and due,
// so a second finisher, a concern or a revision that got there first wins.
import { databaseNow } from '../../db/database-now';
import type { PrismaClient } from '../../db/types';
import { ProblemError } from '../../lib/problem';
import { appendEvent } from '../append-event';
import { approveRevision } from '../approve-revision';
import { lockProposal } from '../find-proposal';
import { cancelRunningFcp } from './cancel-running-fcp';

export type FinishOutcome = 'approved' | 'rejected' | 'not-due' | 'failed';

export async function finishFcp(
  prisma: PrismaClient,
  fcpId: number,
  opts: { listAddress?: string | undefined } = {},
): Promise<{ outcome: FinishOutcome; reason?: string }> {
  const fcp = await prisma.finalCommentPeriod.findUnique({
    where: { id: fcpId },
    include: {
      revision: { select: { number: true } },
      startedBy: { select: { id: true, name: true, role: true } },
    },
  });
  if (fcp?.status !== 'running') return { outcome: 'not-due' };
  if (fcp.disposition === 'reject') return rejectAfterFcp(prisma, fcpId);
  try {
    await approveRevision(prisma, fcp.startedBy, fcp.proposalId, fcp.revision.number, {
      listAddress: opts.listAddress,
      viaFcp: fcp.id,
    });
    return { outcome: 'approved' };
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 409) throw error;
    const reason = error.type.replace(/^urn:dust:problem:/, '');
    if (reason === 'fcp-not-running') return { outcome: 'not-due' };
    // Refused for a reason nothing cancelled it for (say, a series the renderer
    // refuses): it ends, naming the refusal, rather than being retried for ever.
    await prisma.$transaction(async (tx) => {
      await lockProposal(tx, fcp.proposalId);
      const still = await tx.finalCommentPeriod.findUnique({ where: { id: fcp.id } });
      if (still?.status === 'running') {
        await cancelRunningFcp(tx, fcp.proposalId, reason, fcp.startedById, error.message);
      }
    });
    return { outcome: 'failed', reason };
  }
}

async function rejectAfterFcp(
  prisma: PrismaClient,
  fcpId: number,
): Promise<{ outcome: FinishOutcome }> {
  return prisma.$transaction(async (tx) => {
    const head = await tx.finalCommentPeriod.findUniqueOrThrow({ where: { id: fcpId } });
    await lockProposal(tx, head.proposalId);
    const fcp = await tx.finalCommentPeriod.findUniqueOrThrow({
      where: { id: fcpId },
      include: { revision: { select: { number: true } }, proposal: true },
    });
    const now = await databaseNow(tx);
    if (fcp.status !== 'running' || fcp.endsAt.getTime() > now.getTime()) {
      return { outcome: 'not-due' };
    }
    const common = {
      actorId: fcp.startedById,
      proposalId: fcp.proposalId,
      revisionId: fcp.revisionId,
    };
    await tx.proposal.update({ where: { id: fcp.proposalId }, data: { status: 'rejected' } });
    await appendEvent(tx, {
      type: 'proposal.rejected',
      ...common,
      data: { fields: ['status'], fcpId: fcp.id },
    });
    await tx.finalCommentPeriod.update({
      where: { id: fcp.id },
      data: { status: 'finished', endedAt: now },
    });
    await appendEvent(tx, {
      type: 'fcp.finished',
      ...common,
      data: { fcpId: fcp.id, disposition: 'reject', revision: fcp.revision.number },
    });
    return { outcome: 'rejected' };
  });
}
