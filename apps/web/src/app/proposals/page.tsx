import type { Metadata } from 'next';
import Link from 'next/link';
import { Time } from '../../components/Time';
import type { Proposal } from '../../lib/api-types';
import { listProposals, pathOf } from '../../lib/queries';
import { getViewer } from '../../lib/viewer';
import { withProblem } from '../../lib/with-problem';

export const metadata: Metadata = { title: 'Proposals' };

type Search = { status?: string; q?: string; cursor?: string; mine?: string };
const FILTERS = [
  ['open', 'Open'],
  ['approved', 'Approved'],
  ['stale', 'Stale'],
  ['all', 'All'],
] as const;
const PAGE_SIZE = 20;

function hrefWith(current: Search, change: Partial<Search>): string {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...current, cursor: undefined, ...change })) {
    if (v) merged[k] = v;
  }
  const qs = new URLSearchParams(merged).toString();
  return qs ? `/proposals?${qs}` : '/proposals';
}

export default async function ProposalsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const status = search.status ?? 'open';
  return withProblem(async () => {
    const viewer = await getViewer();
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (status === 'stale') query.set('stale', 'true');
    else if (status !== 'all') query.set('status', status);
    if (search.q) query.set('q', search.q);
    if (search.mine && viewer) query.set('author', String(viewer.id));
    if (search.cursor) query.set('cursor', search.cursor);
    const { items, next } = await listProposals(query);
    const nextCursor = next ? new URL(pathOf(next), 'http://x').searchParams.get('cursor') : null;

    return (
      <>
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h1>Proposals</h1>
          <Link className="button primary" href="/proposals/new">
            New proposal
          </Link>
        </div>
        <nav className="tabs" aria-label="Status filter">
          {FILTERS.map(([value, label]) => (
            <Link
              key={value}
              href={hrefWith(search, { status: value })}
              aria-current={status === value ? 'page' : undefined}
            >
              {label}
            </Link>
          ))}
          {viewer && (
            <Link
              href={hrefWith(search, { mine: search.mine ? undefined : '1' })}
              aria-current={search.mine ? 'page' : undefined}
            >
              Mine
            </Link>
          )}
        </nav>
        <form className="row" method="get">
          <input type="hidden" name="status" value={status} />
          {search.mine && <input type="hidden" name="mine" value="1" />}
          <input
            name="q"
            type="search"
            defaultValue={search.q ?? ''}
            placeholder="Search titles and rationales"
          />
          <button type="submit">Search</button>
        </form>
        {items.length === 0 ? (
          <p className="empty" style={{ marginTop: '1rem' }}>
            No {status === 'all' ? '' : `${status} `}proposals
            {search.q ? ` matching “${search.q}”` : ''}.{' '}
            <Link href="/proposals/new">Write one.</Link>
          </p>
        ) : (
          <table style={{ marginTop: '1rem' }}>
            <thead>
              <tr>
                <th>Proposal</th>
                <th>Status</th>
                <th className="num">Revisions</th>
                <th>Reviews</th>
                <th>Validation</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <ProposalRow key={p.id} p={p} />
              ))}
            </tbody>
          </table>
        )}
        <div className="pagination">
          {search.cursor && <Link href={hrefWith(search, {})}>« First page</Link>}
          {nextCursor && <Link href={hrefWith(search, { cursor: nextCursor })}>Next page »</Link>}
        </div>
      </>
    );
  });
}

function ProposalRow({ p }: { p: Proposal }) {
  const counts = p.reviewCounts ?? { ack: 0, nak: 0, concern: 0 };
  return (
    <tr>
      <td>
        <Link href={`/proposals/${p.id}`}>
          #{p.id} {p.title}
        </Link>
        <div className="small muted">by {p.author.name}</div>
      </td>
      <td>
        <span className={`badge ${p.status}`}>{p.status}</span>{' '}
        {p.stale && <span className="badge stale">stale</span>}
      </td>
      <td className="num">{p.revisions.length}</td>
      <td className="small">
        <span className="badge ack">{counts.ack} ack</span>{' '}
        <span className="badge nak">{counts.nak} nak</span>{' '}
        <span className="badge concern">{counts.concern} concern</span>
      </td>
      <td>
        {p.valid === undefined ? (
          <span className="muted">—</span>
        ) : p.valid ? (
          <span className="badge ok">valid</span>
        ) : (
          <span className="badge err">invalid</span>
        )}
      </td>
      <td className="small">
        <Time iso={p.updatedAt ?? p.createdAt} />
      </td>
    </tr>
  );
}
