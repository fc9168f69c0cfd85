import type { ProposalSummary } from '@dust/contract';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Time } from '../../components/Time';
import { type ProposalRowFacts, proposalRowFacts } from '../../lib/server/proposal-row-facts';
import { listProposals, pathOf } from '../../lib/server/queries';
import { getViewer } from '../../lib/server/viewer';
import { withProblem } from '../../lib/server/with-problem';

export const metadata: Metadata = { title: 'Proposals' };

type Search = {
  status?: string;
  q?: string;
  flag?: string;
  syscall?: string;
  cursor?: string;
  mine?: string;
};
const FILTERS = [
  ['open', 'Open'],
  ['stale', 'Stale'],
  ['approved', 'Approved'],
  ['rejected', 'Rejected'],
  ['withdrawn', 'Withdrawn'],
  ['superseded', 'Superseded'],
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
  const status = FILTERS.some(([v]) => v === search.status) ? (search.status as string) : 'open';
  return withProblem(async () => {
    const viewer = await getViewer();
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    // "stale" is the API's own filter (open, baseline moved), so its pages are full.
    if (status !== 'all') query.set('status', status);
    // A repeated ?q= arrives as an array: take none rather than guess.
    const q = typeof search.q === 'string' ? search.q.trim() : '';
    if (q) query.set('q', q.slice(0, 200));
    if (search.flag) query.set('flag', search.flag);
    if (search.syscall) query.set('syscall', search.syscall);
    if (search.mine && viewer) query.set('author', viewer.name);
    if (search.cursor && /^\d+$/.test(search.cursor)) query.set('cursor', search.cursor);
    const page = await listProposals(query);
    const items = page.items;
    const facts = await Promise.all(items.map(proposalRowFacts));
    const nextCursor = page.next
      ? new URL(pathOf(page.next), 'http://x').searchParams.get('cursor')
      : null;

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
          <label>
            <span>Words (titles, rationale, comments, flags)</span>
            <input
              name="q"
              type="search"
              defaultValue={search.q ?? ''}
              placeholder="clock daemon"
            />
          </label>
          <label>
            <span>With a flag named</span>
            <input
              name="flag"
              className="mono"
              defaultValue={search.flag ?? ''}
              placeholder="FILE_READ"
            />
          </label>
          <label>
            <span>Granting the syscall</span>
            <input
              name="syscall"
              className="mono"
              defaultValue={search.syscall ?? ''}
              placeholder="openat"
            />
          </label>
          <button type="submit" style={{ alignSelf: 'flex-end' }}>
            Search
          </button>
        </form>
        {items.length === 0 ? (
          <p className="empty" style={{ marginTop: '1rem' }}>
            No {status === 'all' ? '' : `${status} `}proposals
            {search.flag ? ` with a flag ${search.flag}` : ''}
            {search.syscall ? ` granting ${search.syscall}` : ''}
            {q ? ` matching “${q}”` : ''} on this page.{' '}
            <Link href="/proposals/new">Write one.</Link>
          </p>
        ) : (
          <table style={{ marginTop: '1rem' }}>
            <thead>
              <tr>
                <th>Proposal</th>
                <th>Status</th>
                <th className="num">Revisions</th>
                <th>Reviews of the latest</th>
                <th>Validation</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p, i) => (
                <ProposalRow key={p.id} p={p} facts={facts[i]} />
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

function ProposalRow({ p, facts }: { p: ProposalSummary; facts: ProposalRowFacts | undefined }) {
  const counts = facts?.counts ?? { ack: 0, nak: 0, concern: 0 };
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
      <td className="num">{p.latestRevision}</td>
      <td className="small">
        <span className="badge ack">{counts.ack} ack</span>{' '}
        <span className="badge nak">{counts.nak} NAK</span>{' '}
        <span className="badge concern">
          {counts.concern} concern{facts?.openConcerns ? ` (${facts.openConcerns} open)` : ''}
        </span>
      </td>
      <td>
        {facts?.valid === null || facts === undefined ? (
          <span className="muted">—</span>
        ) : facts.valid ? (
          <span className="badge ok">valid</span>
        ) : (
          <span className="badge err">invalid</span>
        )}
      </td>
      <td className="small">
        <Time iso={p.updatedAt} />
      </td>
    </tr>
  );
}
