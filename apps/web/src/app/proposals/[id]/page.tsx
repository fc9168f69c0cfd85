import type { Diagnostic } from '@dust/model';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionButton } from '../../../components/actions/ActionButton';
import { CommentForm } from '../../../components/actions/CommentForm';
import { EditProposalForm } from '../../../components/actions/EditProposalForm';
import { ReviewForm } from '../../../components/actions/ReviewForm';
import { GroupingChanges } from '../../../components/GroupingChanges';
import { Markdown } from '../../../components/Markdown';
import { ApprovePanel } from '../../../components/proposal/ApprovePanel';
import { CommentList } from '../../../components/proposal/CommentList';
import { FcpPanel } from '../../../components/proposal/FcpPanel';
import { FlagCard } from '../../../components/proposal/FlagCard';
import { PostToListPanel } from '../../../components/proposal/PostToListPanel';
import { ReferenceComparison } from '../../../components/proposal/ReferenceComparison';
import { ReviewList } from '../../../components/proposal/ReviewList';
import { SeriesPreview } from '../../../components/proposal/SeriesPreview';
import { Time } from '../../../components/Time';
import {
  getBaseline,
  getMailInfo,
  getProposal,
  listAllReviews,
  listComments,
  listNameSuggestions,
  listReleases,
} from '../../../lib/server/queries';
import { getViewer } from '../../../lib/server/viewer';
import { withProblem } from '../../../lib/server/with-problem';
import { flagChanges } from '../../../lib/shared/flag-changes';
import { locateFlagIndex } from '../../../lib/shared/locate-flag';
import { validateAgainstBaseline } from '../../../lib/shared/validate-against-baseline';

type Params = { id: string };
type Search = { rev?: string; against?: string; patch?: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { id } = await params;
  // Only a well-formed id becomes a link; the page itself answers for the rest.
  const feed = /^[1-9]\d{0,9}$/.test(id) ? `/api/proposals/${id}/events.atom` : undefined;
  return {
    title: `Proposal #${id}`,
    ...(feed ? { alternates: { types: { 'application/atom+xml': feed } } } : {}),
  };
}

export default async function ProposalPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const search = await searchParams;
  return withProblem(async () => {
    const [proposal, baseline, viewer, mailInfo] = await Promise.all([
      getProposal(id),
      getBaseline(),
      getViewer(),
      getMailInfo(),
    ]);
    if (!proposal) notFound();
    const numbers = proposal.revisions.map((r) => r.number).sort((a, b) => a - b);
    const latest = numbers[numbers.length - 1] ?? 1;
    const n = search.rev && numbers.includes(Number(search.rev)) ? Number(search.rev) : latest;
    const againstKey =
      search.against && (search.against === 'baseline' || numbers.includes(Number(search.against)))
        ? search.against
        : n > 1
          ? String(n - 1)
          : 'baseline';

    const revision = proposal.revisions.find((r) => r.number === n);
    const against = proposal.revisions.find((r) => String(r.number) === againstKey) ?? null;
    if (!revision) notFound();
    const validation = validateAgainstBaseline(revision, baseline);
    const [comments, allReviews, suggestions, releases] = await Promise.all([
      listComments(id),
      listAllReviews(id),
      listNameSuggestions(id),
      proposal.status === 'approved' ? listReleases() : [],
    ]);
    const release = releases.find((r) => r.proposal?.id === proposal.id)?.number ?? null;
    const compareTo = against?.grouping ?? baseline.grouping;
    const changes = flagChanges(compareTo, revision.grouping);
    const isAuthor = viewer !== null && String(viewer.id) === String(proposal.author.id);
    const diagnosticsFor = (index: number) =>
      validation.diagnostics.filter((d) => locateFlagIndex(d.path) === index);
    const documentDiagnostics = validation.diagnostics.filter(
      (d) => locateFlagIndex(d.path) === null,
    );
    const flagNames = revision.grouping.flags.map((f) => f.name);
    const syscallComments = new Map<string, typeof comments>();
    for (const c of comments)
      if (c.syscall) syscallComments.set(c.syscall, [...(syscallComments.get(c.syscall) ?? []), c]);
    const flagCommentCounts = new Map<string, number>();
    for (const c of comments) {
      if (c.flag && flagNames.includes(c.flag))
        flagCommentCounts.set(c.flag, (flagCommentCounts.get(c.flag) ?? 0) + 1);
    }
    const openConcerns = allReviews.filter((r) => r.verdict === 'concern' && !r.resolved);
    const reviews = allReviews.filter((r) => r.revision === n);

    return (
      <>
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h1>
            #{proposal.id} {proposal.title}
          </h1>
          <span className="row">
            <span className={`badge ${proposal.status}`}>{proposal.status}</span>
            {proposal.stale && <span className="badge stale">stale</span>}
          </span>
        </div>
        <p className="muted small">
          by {proposal.author.name} · opened <Time iso={proposal.createdAt} /> ·{' '}
          <a href={`/api/proposals/${proposal.id}/events.atom`} type="application/atom+xml">
            activity feed
          </a>
        </p>
        <FcpPanel proposal={proposal} viewer={viewer} latest={latest} />
        <Markdown>{proposal.rationale}</Markdown>
        {isAuthor && proposal.status === 'open' && (
          <EditProposalForm
            id={proposal.id}
            title={proposal.title}
            rationale={proposal.rationale}
          />
        )}

        <nav className="tabs" aria-label="Revisions">
          {numbers.map((k) => (
            <Link
              key={k}
              href={`/proposals/${proposal.id}?rev=${k}`}
              aria-current={k === n ? 'page' : undefined}
            >
              v{k}
            </Link>
          ))}
          {isAuthor && proposal.status === 'open' && (
            <Link href={`/proposals/${proposal.id}/revise?from=v${n}`}>+ New revision</Link>
          )}
        </nav>

        <div className="row panel">
          <span>
            <strong>v{n}</strong> written against release {revision.baseRelease}
            {proposal.status === 'open' && revision.baseRelease !== baseline.release && (
              <span className="badge stale"> baseline is now release {baseline.release}</span>
            )}{' '}
            · <Time iso={revision.createdAt} />
          </span>
          <span className={`badge ${validation.valid ? 'ok' : 'err'}`}>
            {validation.valid ? 'valid and compatible' : 'has errors'}
          </span>
          <form method="get" className="row">
            <input type="hidden" name="rev" value={n} />
            <label className="row">
              Compare with
              <select name="against" defaultValue={againstKey}>
                <option value="baseline">baseline (release {baseline.release})</option>
                {numbers
                  .filter((k) => k !== n)
                  .map((k) => (
                    <option key={k} value={k}>
                      v{k}
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit">Show diff</button>
          </form>
        </div>
        {revision.changelog && (
          <p>
            <strong>Changelog:</strong> {revision.changelog}
          </p>
        )}

        <h2 id="flags">
          Flags ({revision.grouping.flags.length}) — changes against{' '}
          {againstKey === 'baseline' ? `the baseline` : `v${againstKey}`}
        </h2>
        <p className="small">
          Policy: fork <code>{revision.grouping.policy.fork}</code>, exec{' '}
          <code>{revision.grouping.policy.exec ?? '(not set)'}</code>
          {changes.policyChanged && <span className="badge warn">policy changed</span>}
        </p>
        <details className="panel" open>
          <summary>Summary of changes</summary>
          <GroupingChanges from={compareTo} to={revision.grouping} />
        </details>
        {documentDiagnostics.length > 0 && <DiagnosticList diagnostics={documentDiagnostics} />}
        {changes.removedFlags.map((f) => (
          <p key={f.bit} className="card diff-removed">
            Flag <code>{f.name}</code> (bit {f.bit}) removed
          </p>
        ))}
        {revision.grouping.flags.length === 0 && (
          <p className="empty">This revision has no flags.</p>
        )}
        <div className="stack">
          {revision.grouping.flags.map((flag, index) => {
            const change = changes.byName.get(flag.name);
            return (
              <FlagCard
                key={`${flag.bit}-${flag.name}`}
                proposalId={String(proposal.id)}
                revision={n}
                flag={flag}
                added={change?.added ?? new Set()}
                removed={change?.removed ?? []}
                status={change?.status ?? 'same'}
                previousName={change?.previousName}
                diagnostics={diagnosticsFor(index)}
                comments={comments.filter((c) => c.flag === flag.name)}
                syscallComments={syscallComments}
                suggestions={suggestions.filter((s) => s.flagBit === flag.bit)}
                viewer={viewer}
                isAuthor={isAuthor}
                latest={latest}
              />
            );
          })}
        </div>
        <ReferenceComparison grouping={revision.grouping} />

        <h2 id="reviews">Reviews of v{n}</h2>
        <ReviewList reviews={reviews} viewer={viewer} />
        {viewer && !isAuthor && proposal.status === 'open' && (
          <ReviewForm proposalId={String(proposal.id)} revision={n} />
        )}

        <ApprovePanel
          proposal={proposal}
          revision={revision}
          validation={validation}
          baselineRelease={baseline.release}
          openConcerns={openConcerns.length}
          latest={latest}
          release={release}
          viewer={viewer}
          isAuthor={isAuthor}
        />

        <h2 id="debate">Debate ({comments.length})</h2>
        {/* Comments on a flag show (and are rendered once) on its card; the thread links to them. */}
        {flagCommentCounts.size > 0 && (
          <p className="small">
            On flags:{' '}
            {[...flagCommentCounts].map(([flag, count]) => (
              <a key={flag} href={`#flag-${flag}`} className="chip">
                {flag} ({count})
              </a>
            ))}
          </p>
        )}
        <CommentList comments={comments.filter((c) => !c.flag || !flagNames.includes(c.flag))} />
        {viewer ? (
          <CommentForm proposalId={String(proposal.id)} revision={n} flags={flagNames} />
        ) : (
          <p>
            <Link href="/signin">Sign in</Link> to comment and review.
          </p>
        )}

        <h2 id="series">Patch series preview (v{n})</h2>
        <PostToListPanel
          proposalId={proposal.id}
          revision={revision}
          mailInfo={mailInfo}
          canPost={isAuthor || viewer?.role === 'maintainer' || viewer?.role === 'admin'}
          open={proposal.status === 'open'}
        />
        <SeriesPreview
          proposalId={proposal.id}
          revision={n}
          valid={validation.valid}
          selected={search.patch}
        />

        {isAuthor && proposal.status === 'open' && (
          <p style={{ marginTop: '2rem' }}>
            <ActionButton
              method="PATCH"
              path={`/api/proposals/${encodeURIComponent(String(proposal.id))}`}
              body={{ status: 'withdrawn' }}
              label="Withdraw proposal"
              className="danger"
            />
          </p>
        )}
      </>
    );
  });
}

function DiagnosticList({ diagnostics }: { diagnostics: Diagnostic[] }) {
  return (
    <ul style={{ listStyle: 'none', padding: 0 }}>
      {diagnostics.map((d) => (
        <li key={`${d.code}|${d.path}|${d.message}`} className={`diag ${d.severity}`}>
          <code>{d.code}</code> <span className="mono small">{d.path || '/'}</span>{' '}
          <span>{d.message}</span>
        </li>
      ))}
    </ul>
  );
}
