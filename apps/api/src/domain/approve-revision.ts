// Approval, in ONE transaction: the revision must be the proposal's latest,
// valid and compatible with the current baseline, based on it, and free of
// open concerns; then release N+1 is created with Acked-by trailers, sibling
// proposals go stale or superseded, a build job is queued, and events are appended.
//
// Racing approvals on one baseline: the transaction locks the newest release
// row (FOR UPDATE), then reads the baseline again in a new statement, which on
// PostgreSQL (READ COMMITTED) sees a release committed while it waited, so the
// loser gets 409 "not based on the current baseline". Release.number is unique
// as a last guard. PGlite runs transactions one at a time.
import { diffGroupings, validateGrouping } from '@dust/model';
import { isUniqueViolation } from '../db/errors';
import type { Prisma, PrismaClient, Tx } from '../db/types';
import { asGrouping } from '../lib/present';
import { conflict } from '../lib/problem';
import type { AuthUser } from '../plugins/app/auth';
import { appendEvent } from './append-event';
import { findProposal, findRevision, lockProposal } from './find-proposal';
import { getBaseline } from './get-baseline';
import { enqueueSeriesPosting } from './mail/enqueue-series-posting';
import { markSiblingProposals } from './mark-sibling-proposals';

export function ackTrailer(user: { name: string; email: string | null }): string {
  return `Acked-by: ${user.name} <${user.email ?? `${user.name}@users.dust.invalid`}>`;
}

async function collectTrailers(tx: Tx, proposalId: number, grouping: unknown): Promise<string[]> {
  const acks = await tx.review.findMany({
    where: { verdict: 'ack', revision: { proposalId } },
    include: { author: true, revision: { select: { grouping: true } } },
    orderBy: { id: 'asc' },
  });
  const trailers: string[] = [];
  for (const ack of acks) {
    // An ack counts when it was given to this very grouping (this revision or an identical one).
    if (!diffGroupings(asGrouping(ack.revision.grouping), asGrouping(grouping)).identical) continue;
    // A trailer from the list is carried exactly as written (docs/design.md, "Mail").
    const trailer = ack.trailer ?? ackTrailer(ack.author);
    if (!trailers.includes(trailer)) trailers.push(trailer);
  }
  return trailers;
}

export async function approveRevision(
  prisma: PrismaClient,
  actor: AuthUser,
  proposalId: number,
  number: number,
  /** With mail on, the release's series is queued for the list in the same transaction. */
  opts: { listAddress?: string | undefined } = {},
) {
  try {
    return await prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Release" WHERE number = (SELECT max(number) FROM "Release") FOR UPDATE`;
        const baseline = await getBaseline(tx);
        await lockProposal(tx, proposalId);
        const proposal = await findProposal(tx, proposalId);
        const revision = await findRevision(tx, proposalId, number);
        if (proposal.status !== 'open') {
          throw conflict('proposal-not-open', `Proposal ${proposalId} is ${proposal.status}.`);
        }
        if (number !== proposal.latestRevision) {
          throw conflict(
            'not-latest-revision',
            `Revision ${number} is not the latest (${proposal.latestRevision}).`,
          );
        }
        if (revision.baseRelease !== baseline.release.number) {
          throw conflict(
            'not-based-on-baseline',
            `Revision ${number} is based on release ${revision.baseRelease}, the baseline is release ${baseline.release.number}: rebase it first.`,
          );
        }
        const report = validateGrouping(revision.grouping, { baseline: baseline.grouping });
        if (!report.valid) {
          throw conflict(
            'revision-invalid',
            `Revision ${number} is invalid or incompatible with the baseline.`,
            {
              diagnostics: report.diagnostics.filter((d) => d.severity === 'error'),
            },
          );
        }
        const concerns = await tx.review.count({
          where: { verdict: 'concern', resolved: false, revision: { proposalId } },
        });
        if (concerns > 0) {
          throw conflict(
            'open-concerns',
            `Proposal ${proposalId} has ${concerns} unresolved concern(s).`,
          );
        }
        const trailers = await collectTrailers(tx, proposalId, revision.grouping);
        const release = await tx.release.create({
          data: {
            number: baseline.release.number + 1,
            grouping: revision.grouping as Prisma.InputJsonValue,
            revisionId: revision.id,
            approvedById: actor.id,
            trailers,
          },
        });
        await tx.proposal.update({
          where: { id: proposalId },
          data: { status: 'approved', stale: false },
        });
        const job = await tx.buildJob.create({ data: { releaseId: release.id } });
        const common = {
          actorId: actor.id,
          proposalId,
          revisionId: revision.id,
          releaseId: release.id,
        };
        await appendEvent(tx, {
          type: 'revision.approved',
          ...common,
          data: { number, release: release.number },
        });
        await appendEvent(tx, {
          type: 'release.created',
          ...common,
          data: { release: release.number, trailers },
        });
        await markSiblingProposals(
          tx,
          { proposalId, actorId: actor.id, releaseId: release.id, releaseNumber: release.number },
          asGrouping(revision.grouping),
        );
        await appendEvent(tx, {
          type: 'build.queued',
          ...common,
          data: { jobId: job.id, release: release.number },
        });
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
