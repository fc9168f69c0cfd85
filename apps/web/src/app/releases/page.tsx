import type { Metadata } from 'next';
import Link from 'next/link';
import { Time } from '../../components/Time';
import { listReleases } from '../../lib/server/queries';
import { withProblem } from '../../lib/server/with-problem';

export const metadata: Metadata = {
  title: 'Releases',
  alternates: { types: { 'application/atom+xml': '/api/releases.atom' } },
};

export default async function ReleasesPage() {
  return withProblem(async () => {
    const releases = await listReleases();
    return (
      <>
        <h1>Releases</h1>
        <p className="muted">
          Each approved revision becomes a release: the new baseline, rendered into a patch series
          against Linux 6.1 and built and booted in CI. Follow them in a feed reader:{' '}
          <a href="/api/releases.atom" type="application/atom+xml">
            releases feed
          </a>
          .
        </p>
        {releases.length === 0 ? (
          <p className="empty">No releases yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Release</th>
                <th>From</th>
                <th>Created</th>
                <th>Build</th>
                <th>Downloads</th>
              </tr>
            </thead>
            <tbody>
              {releases.map((r) => (
                <tr key={r.number}>
                  <td>
                    <Link href={`/releases/${r.number}`}>Release {r.number}</Link>
                  </td>
                  <td>
                    {r.proposal ? (
                      <Link href={`/proposals/${r.proposal.id}?rev=${r.proposal.revision}`}>
                        #{r.proposal.id} {r.proposal.title} v{r.proposal.revision}
                      </Link>
                    ) : (
                      <span className="muted">initial baseline (base set only)</span>
                    )}
                  </td>
                  <td className="small">
                    <Time iso={r.createdAt} />
                  </td>
                  <td>
                    {r.build ? (
                      <span className={`badge ${r.build.status}`}>{r.build.status}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="small">
                    {r.number > 0 && (
                      <>
                        <a href={`/api/releases/${r.number}/series.mbox`}>mbox</a> ·{' '}
                        <a href={`/api/releases/${r.number}/series.tar.gz`}>tar.gz</a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  });
}
