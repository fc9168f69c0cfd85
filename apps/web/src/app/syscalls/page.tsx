import { ARCHES, getSyscallTable, syscallNames } from '@dust/model';
import type { Metadata } from 'next';
import Link from 'next/link';
import { openProposalGroupings } from '../../lib/server/open-proposal-groupings';
import { getBaseline } from '../../lib/server/queries';
import { flagsBySyscall, referenceGroupings } from '../../lib/server/reference-groupings';
import { withProblem } from '../../lib/server/with-problem';

export const metadata: Metadata = { title: 'Syscalls' };

const KERNEL = '6.1';
type Search = { q?: string; show?: string; arch?: string };

export default async function SyscallsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { q = '', show = 'all', arch = '' } = await searchParams;
  return withProblem(async () => {
    const [baseline, open] = await Promise.all([getBaseline(), openProposalGroupings()]);
    const numbers = new Map(
      ARCHES.map((a) => [
        a,
        new Map(
          (getSyscallTable(KERNEL, a) ?? [])
            .filter((r) => r.entry !== null)
            .map((r) => [r.name, r.number]),
        ),
      ]),
    );
    const inBaseline = flagsBySyscall(baseline.grouping);
    const inProposals = new Map<string, { id: number; flag: string }[]>();
    for (const p of open) {
      for (const flag of p.grouping.flags) {
        for (const name of flag.syscalls) {
          inProposals.set(name, [
            ...(inProposals.get(name) ?? []),
            { id: p.proposalId, flag: flag.name },
          ]);
        }
      }
    }
    const references = referenceGroupings().map((r) => ({
      ...r,
      bySyscall: flagsBySyscall(r.grouping),
    }));
    const words = q
      .toLowerCase()
      .split(/[\s,]+/)
      .filter(Boolean);
    const rows = [...syscallNames(KERNEL)].sort().filter((name) => {
      if (words.length > 0 && !words.some((w) => name.includes(w))) return false;
      if (arch && !numbers.get(arch as (typeof ARCHES)[number])?.has(name)) return false;
      if (show === 'granted') return inBaseline.has(name);
      if (show === 'ungranted') return !inBaseline.has(name);
      if (show === 'proposed') return inProposals.has(name);
      return true;
    });

    return (
      <>
        <h1>Syscalls of Linux {KERNEL}</h1>
        <form className="row panel" method="get">
          <label>
            <span>Search</span>
            <input name="q" type="search" defaultValue={q} placeholder="stat, clock" />
          </label>
          <label>
            <span>Show</span>
            <select name="show" defaultValue={show}>
              <option value="all">all</option>
              <option value="granted">granted by a baseline flag</option>
              <option value="ungranted">granted by no baseline flag</option>
              <option value="proposed">in an open proposal</option>
            </select>
          </label>
          <label>
            <span>Implemented on</span>
            <select name="arch" defaultValue={arch}>
              <option value="">any arch</option>
              {ARCHES.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Filter</button>
          <span className="muted small">
            {rows.length} of {syscallNames(KERNEL).size} syscalls · baseline is release{' '}
            {baseline.release}
          </span>
        </form>
        {rows.length === 0 ? (
          <p className="empty">No syscall matches these filters.</p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  {ARCHES.map((a) => (
                    <th key={a} className="num">
                      {a}
                    </th>
                  ))}
                  <th>Baseline flags</th>
                  <th>Open proposals</th>
                  {references.map((r) => (
                    <th key={r.key}>{r.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((name) => (
                  <tr key={name} id={`sc-${name}`}>
                    <td className="mono">{name}</td>
                    {ARCHES.map((a) => (
                      <td key={a} className="num small">
                        {numbers.get(a)?.get(name) ?? <span className="muted">—</span>}
                      </td>
                    ))}
                    <td className="mono small">{inBaseline.get(name)?.join(', ') ?? ''}</td>
                    <td className="small">
                      {(inProposals.get(name) ?? []).map((ref) => (
                        <Link
                          key={`${ref.id}-${ref.flag}`}
                          href={`/proposals/${ref.id}`}
                          className="chip"
                        >
                          #{ref.id} {ref.flag}
                        </Link>
                      ))}
                    </td>
                    {references.map((r) => (
                      <td key={r.key} className="small">
                        {r.bySyscall.get(name)?.join(', ') ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    );
  });
}
