// What approval requires (docs/design.md, "Review workflow"), checked under the
// approval locks so that nothing can change it before the release is written.
import { validateGrouping } from '@dust/model';
import type { Tx } from '../../db/types';
import { conflict } from '../../lib/problem';
import type { LoadedProposal, LoadedRevision } from '../find-proposal';
import type { getBaseline } from '../get-baseline';

export async function assertApprovable(
  tx: Tx,
  proposal: LoadedProposal,
  revision: LoadedRevision,
  baseline: Awaited<ReturnType<typeof getBaseline>>,
): Promise<void> {
  const { id } = proposal;
  const { number } = revision;
  if (proposal.status !== 'open') {
    throw conflict('proposal-not-open', `Proposal ${id} is ${proposal.status}.`);
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
      { diagnostics: report.diagnostics.filter((d) => d.severity === 'error') },
    );
  }
  const concerns = await tx.review.count({
    where: { verdict: 'concern', resolved: false, revision: { proposalId: id } },
  });
  if (concerns > 0) {
    throw conflict('open-concerns', `Proposal ${id} has ${concerns} unresolved concern(s).`);
  }
}
