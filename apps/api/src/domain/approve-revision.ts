// Approval, in ONE transaction (docs/design.md, "Review workflow"): under the
// approval locks the revision must be approvable (assertApprovable); then
// release N+1 is created with Acked-by trailers and its series rendered and
// stored, the proposal is approved, sibling proposals go stale or superseded
// (their final comment periods end), a build job is queued, and events are
// appended. The worker finishing a final comment period comes through here too
// (fcp/settle-fcp.ts), so it gets the same checks, release and events.
//
// Racing approvals on one baseline: the newest release row is locked first,
// then the baseline is read again in a new statement, which on PostgreSQL
// (READ COMMITTED) sees a release committed while it waited, so the loser gets
// 409 "not based on the current baseline". Release.number is unique as a last
// guard. PGlite runs transactions one at a time.
import { isUniqueViolation } from '../db/errors';
import type { Prisma, PrismaClient, Tx } from '../db/types';
import { asGrouping } from '../lib/present';
import { conflict } from '../lib/problem';
import type { AuthUser } from '../plugins/app/auth';
import { appendEvent } from './append-event';
import { assertApprovable } from './approval/assert-approvable';
import { collectTrailers } from './approval/collect-trailers';
import { lockForApproval } from './approval/lock-for-approval';
import { renderRelease } from './approval/render-release';
import {
  cancelSiblingFcps,
  type FcpApprovalOptions,
  fcpForApproval,
  settleFcpOnApproval,
} from './fcp/settle-fcp';
import { findProposal, findRevision, type LoadedRevision } from './find-proposal';
import { getBaseline } from './get-baseline';
import { enqueueSeriesPosting } from './mail/enqueue-series-posting';
import { markSiblingProposals } from './mark-sibling-proposals';

export async function approveRevision(
  prisma: PrismaClient,
  actor: AuthUser,
  proposalId: number,
  number: number,
  /** With mail on, the release's series is queued for the list in the same transaction. */
  opts: { listAddress?: string | undefined } & FcpApprovalOptions = {},
) {
  try {
    return await prisma.$transaction(
      async (tx) => {
        await lockForApproval(tx, proposalId);
        const baseline = await getBaseline(tx);
        const proposal = await findProposal(tx, proposalId);
        const revision = await findRevision(tx, proposalId, number);
        await fcpForApproval(tx, proposalId, revision, opts, 'before-checks');
        await assertApprovable(tx, proposal, revision, baseline);
        const fcp = await fcpForApproval(tx, proposalId, revision, opts, 'after-checks');
        const release = await createRelease(tx, actor, revision, baseline.release.number + 1);
        await tx.proposal.update({
          where: { id: proposalId },
          data: { status: 'approved', stale: false },
        });
        await recordApproval(tx, actor, revision, release);
        await settleFcpOnApproval(tx, fcp, { actorId: actor.id, proposalId, revision, release });
        if (opts.listAddress) {
          await enqueueSeriesPosting(tx, release, opts.listAddress, actor.id);
        }
        return { release, proposal: await findProposal(tx, proposalId) };
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw conflict(
        'not-based-on-baseline',
        'Another approval created the next release first; rebase and retry.',
      );
    }
    throw err;
  }
}

/** Release `number` from the revision, with its trailers and its rendered series. */
async function createRelease(tx: Tx, actor: AuthUser, revision: LoadedRevision, number: number) {
  const trailers = await collectTrailers(tx, revision.proposalId, revision.grouping);
  const release = await tx.release.create({
    data: {
      number,
      grouping: revision.grouping as Prisma.InputJsonValue,
      revisionId: revision.id,
      approvedById: actor.id,
      trailers,
    },
  });
  const author = await tx.user.findUniqueOrThrow({ where: { id: revision.authorId } });
  await renderRelease(tx, { ...release, author });
  return release;
}

/** Events, sibling proposals and the build job that follow an approval. */
async function recordApproval(
  tx: Tx,
  actor: AuthUser,
  revision: LoadedRevision,
  release: { id: number; number: number; trailers: Prisma.JsonValue },
) {
  const common = {
    actorId: actor.id,
    proposalId: revision.proposalId,
    revisionId: revision.id,
    releaseId: release.id,
  };
  await appendEvent(tx, {
    type: 'revision.approved',
    ...common,
    data: { number: revision.number, release: release.number },
  });
  await appendEvent(tx, {
    type: 'release.created',
    ...common,
    data: { release: release.number, trailers: release.trailers },
  });
  await markSiblingProposals(
    tx,
    {
      proposalId: revision.proposalId,
      actorId: actor.id,
      releaseId: release.id,
      releaseNumber: release.number,
    },
    asGrouping(revision.grouping),
  );
  await cancelSiblingFcps(tx, revision.proposalId, actor.id);
  const job = await tx.buildJob.create({ data: { releaseId: release.id } });
  await appendEvent(tx, {
    type: 'build.queued',
    ...common,
    data: { jobId: job.id, release: release.number },
  });
}
