// What approval requires (docs/design.md, "Review workflow"), checked under the
// approval locks so that nothing can change it before the release is written.
// Starting a final comment period asks the same questions (fcp/start-fcp.ts),
// so each check is exported on its own.
import { validateGrouping } from '@dust/model';
import type { Db, Tx } from '../../db/types';
import { conflict } from '../../lib/problem';
import type { LoadedProposal, LoadedRevision } from '../find-proposal';
import type { getBaseline } from '../get-baseline';

type Baseline = Awaited<ReturnType<typeof getBaseline>>;

export async function assertApprovable(
  tx: Tx,
  proposal: LoadedProposal,
  revision: LoadedRevision,
  baseline: Baseline,
): Promise<void> {
  assertOpenAndLatest(proposal, revision);
  assertOnBaselineAndValid(revision, baseline);
  await assertNoOpenConcerns(tx, proposal.id);
}

export function assertOpenAndLatest(proposal: LoadedProposal, revision: LoadedRevision): void {
  if (proposal.status !== 'open') {
    throw conflict('proposal-not-open', `Proposal ${proposal.id} is ${proposal.status}.`);
  }
  if (revision.number !== proposal.latestRevision) {
    throw conflict(
      'not-latest-revision',
      `Revision ${revision.number} is not the latest (${proposal.latestRevision}).`,
    );
  }
}

export function assertOnBaselineAndValid(revision: LoadedRevision, baseline: Baseline): void {
  const { number } = revision;
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
      { diagnostics: report.diagnostics.filter((d) => d.severity === 'error') },
    );
  }
}

export async function countOpenConcerns(db: Db, proposalId: number): Promise<number> {
  return db.review.count({
    where: { verdict: 'concern', resolved: false, revision: { proposalId } },
  });
}

export async function assertNoOpenConcerns(db: Db, proposalId: number): Promise<void> {
  const concerns = await countOpenConcerns(db, proposalId);
  if (concerns > 0) {
    throw conflict(
      'open-concerns',
      `Proposal ${proposalId} has ${concerns} unresolved concern(s).`,
    );
  }
}
