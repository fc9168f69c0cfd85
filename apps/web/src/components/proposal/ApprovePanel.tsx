import type { Proposal, Revision, RevisionValidation, Viewer } from '@dust/contract';
import Link from 'next/link';
import { ActionButton } from '../actions/ActionButton';

interface Props {
  proposal: Proposal;
  revision: Revision;
  validation: RevisionValidation;
  baselineRelease: number;
  openConcerns: number;
  viewer: Viewer | null;
  isAuthor: boolean;
  /** the newest revision number: only it can be approved */
  latest: number;
  /** the release this proposal became, when approved */
  release: number | null;
}

/**
 * The maintainers' Approve button, with every reason it is disabled spelled out (the
 * API checks the same things again in its approval transaction and answers 409).
 */
export function ApprovePanel({
  release,
  latest,
  proposal,
  revision,
  validation,
  baselineRelease,
  openConcerns,
  viewer,
  isAuthor,
}: Props) {
  if (proposal.status !== 'open') {
    return (
      <section className="panel" aria-labelledby="approve-heading" style={{ marginTop: '1rem' }}>
        <h2 id="approve-heading" style={{ marginTop: 0 }}>
          Approval
        </h2>
        {proposal.status === 'approved' && release !== null ? (
          <p>
            Approved: it is <Link href={`/releases/${release}`}>release {release}</Link>.
          </p>
        ) : (
          <p>This proposal is {proposal.status}.</p>
        )}
      </section>
    );
  }
  const isMaintainer = viewer?.role === 'maintainer' || viewer?.role === 'admin';
  const errors = validation.diagnostics.filter((d) => d.severity === 'error');
  const compat = errors.filter((d) => d.code.startsWith('COMPAT_'));
  const invalid = errors.filter((d) => !d.code.startsWith('COMPAT_'));
  const stale = !validation.basedOnBaseline;
  const id = encodeURIComponent(String(proposal.id));
  const reasons: React.ReactNode[] = [];
  if (revision.number !== latest)
    reasons.push(
      <>
        v{revision.number} is not the latest revision:{' '}
        <Link href={`/proposals/${id}?rev=${latest}`}>see v{latest}</Link>.
      </>,
    );
  if (invalid.length > 0)
    reasons.push(
      `Invalid: ${invalid.length} error${invalid.length === 1 ? '' : 's'} (${[...new Set(invalid.map((d) => d.code))].join(', ')}).`,
    );
  if (compat.length > 0)
    reasons.push(
      `Incompatible with release ${baselineRelease}: ${[...new Set(compat.map((d) => d.code))].join(', ')}.`,
    );
  if (stale)
    reasons.push(
      <>
        Stale: written against release {revision.baseRelease}, the baseline is release{' '}
        {baselineRelease}.{' '}
        {isAuthor || isMaintainer ? (
          <ActionButton
            method="POST"
            path={`/api/proposals/${id}/revisions/${revision.number}/rebase`}
            label="Rebase onto the baseline"
          />
        ) : (
          'The author can rebase it.'
        )}
      </>,
    );
  if (openConcerns > 0)
    reasons.push(
      <>
        {openConcerns} open concern{openConcerns === 1 ? '' : 's'}:{' '}
        <a href="#reviews">its author must resolve it</a>.
      </>,
    );

  return (
    <section
      className="panel stack"
      aria-labelledby="approve-heading"
      style={{ marginTop: '1rem' }}
    >
      <h2 id="approve-heading" style={{ marginTop: 0 }}>
        Approval
      </h2>
      {reasons.length > 0 ? (
        <ul id="approve-blockers">
          {reasons.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed order of checks
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : (
        <p>
          v{revision.number} is valid, compatible, based on the current baseline and free of open
          concerns.
        </p>
      )}
      {isMaintainer ? (
        <ActionButton
          method="POST"
          path={`/api/proposals/${id}/revisions/${revision.number}/approve`}
          label={`Approve v${revision.number} as release ${baselineRelease + 1}`}
          className="primary"
          disabled={reasons.length > 0}
          title={reasons.length > 0 ? 'Disabled: see the reasons above' : undefined}
        />
      ) : (
        <p className="small muted">
          Maintainers approve. {viewer ? '' : <Link href="/signin">Sign in</Link>}
        </p>
      )}
    </section>
  );
}
