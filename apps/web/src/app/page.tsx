import type { ApiEvent } from '@dust/contract';
import { describeEvent, isCommunityEvent } from '@dust/model';
import Link from 'next/link';
import { BuildVerdict } from '../components/BuildVerdict';
import { FlagMatrix } from '../components/FlagMatrix';
import { Time } from '../components/Time';
import { YourTurn } from '../components/YourTurn';
import { getAttention } from '../lib/server/attention';
import { getBaseline, getRelease, listRecentEvents, listReleases } from '../lib/server/queries';
import { systemdReference } from '../lib/server/systemd-reference';
import { getViewer } from '../lib/server/viewer';
import { withProblem } from '../lib/server/with-problem';
import { coverageByArch, flagClassMatrix, type SyscallClass } from '../lib/shared/coverage';

export default async function HomePage() {
  return withProblem(async () => {
    const [baseline, releases, events, viewer, attention] = await Promise.all([
      getBaseline(),
      listReleases(),
      listRecentEvents(12, isCommunityEvent),
      getViewer(),
      getAttention(),
    ]);
    const latestNumber = releases.reduce((max, r) => Math.max(max, r.number), 0);
    const latest = latestNumber > 0 ? await getRelease(String(latestNumber)) : null;
    const { grouping } = baseline;
    const classes: SyscallClass[] = (systemdReference()?.flags ?? []).map((f) => ({
      name: f.name,
      syscalls: f.syscalls,
    }));
    const coverage = coverageByArch(grouping);

    return (
      <>
        <h1>Baseline: release {baseline.release}</h1>
        <p className="muted">
          The flags every process can set with{' '}
          <code>prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags)</code>. With no flag, only strict
          mode’s base set runs. Policy: fork <code>{grouping.policy.fork}</code>, exec{' '}
          <code>{grouping.policy.exec ?? '(not set)'}</code>.
        </p>
        {viewer && <YourTurn items={attention} />}

        <div className="grid2">
          <section>
            <h2>Flags</h2>
            {grouping.flags.length === 0 ? (
              <p className="empty">
                No flags yet: the baseline is strict mode’s base set.{' '}
                <Link href="/proposals/new">Propose the first flags.</Link>
              </p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th className="num">Bit</th>
                    <th>Name</th>
                    <th>Description</th>
                    <th className="num">Syscalls</th>
                  </tr>
                </thead>
                <tbody>
                  {[...grouping.flags]
                    .sort((x, y) => x.bit - y.bit)
                    .map((f) => (
                      <tr key={f.bit}>
                        <td className="num">{f.bit}</td>
                        <td className="mono">{f.name}</td>
                        <td>{f.description}</td>
                        <td className="num">{f.syscalls.length}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
          </section>
          <section>
            <h2>Latest release build</h2>
            {latest ? (
              <div className="card stack">
                <p>
                  <Link href={`/releases/${latest.number}`}>Release {latest.number}</Link> ·{' '}
                  <Time iso={latest.createdAt} />
                </p>
                <BuildVerdict build={latest.build} showLog={false} />
                <p>
                  <a
                    className="button primary"
                    href={`/api/releases/${latest.number}/series.mbox`}
                    download
                  >
                    Download patch series (mbox)
                  </a>
                </p>
              </div>
            ) : (
              <p className="empty">No release yet beyond the base set.</p>
            )}
            <h2>Coverage per arch</h2>
            <table>
              <thead>
                <tr>
                  <th>Arch</th>
                  <th className="num">Granted by a flag</th>
                  <th>Share</th>
                </tr>
              </thead>
              <tbody>
                {coverage.map((c) => (
                  <tr key={c.arch}>
                    <td>{c.arch}</td>
                    <td className="num">
                      {c.granted} / {c.total}
                    </td>
                    <td style={{ width: '40%' }}>
                      <meter min={0} max={c.total} value={c.granted} style={{ width: '100%' }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>

        <h2>Flags × syscall classes (systemd groups)</h2>
        <FlagMatrix rows={flagClassMatrix(grouping, classes)} classes={classes} />

        <h2>Recent activity</h2>
        <p className="small">
          <a href="/api/events.atom" type="application/atom+xml">
            Activity feed
          </a>{' '}
          (Atom) for a feed reader.
        </p>
        {events.length === 0 ? (
          <p className="empty">Nothing has happened yet.</p>
        ) : (
          <EventList events={events} />
        )}
      </>
    );
  });
}

function EventList({ events }: { events: ApiEvent[] }) {
  return (
    <ul className="small">
      {events.map((e) => {
        const release = typeof e.data.release === 'number' ? e.data.release : null;
        return (
          <li key={e.id}>
            <Time iso={e.createdAt} /> · <strong>{e.actor?.name ?? 'system'}</strong>{' '}
            {describeEvent(e)}
            {e.proposalId != null && (
              <>
                {' '}
                <Link href={`/proposals/${e.proposalId}`}>proposal #{e.proposalId}</Link>
              </>
            )}
            {release !== null && (
              <>
                {' '}
                · <Link href={`/releases/${release}`}>release {release}</Link>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
