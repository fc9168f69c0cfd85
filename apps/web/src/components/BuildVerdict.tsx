import type { Build } from '@dust/contract';
import { Time } from './Time';

/** Build status of a release: verdict, stage times, and the log. */
export function BuildVerdict({
  build,
  showLog = true,
}: {
  build: Build | null | undefined;
  showLog?: boolean;
}) {
  if (!build) return <p className="muted">No build recorded for this release.</p>;
  return (
    <div className="stack">
      <p className="row">
        <span className={`badge ${build.status}`} data-testid="build-status">
          {build.status}
        </span>
        {build.reason && <span className="small">{build.reason}</span>}
        {build.finishedAt && (
          <span className="small muted">
            finished <Time iso={build.finishedAt} />
          </span>
        )}
      </p>
      {build.stages.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Stage</th>
              <th>Status</th>
              <th className="num">Seconds</th>
            </tr>
          </thead>
          <tbody>
            {build.stages.map((s) => (
              <tr key={s.name}>
                <td>{s.name}</td>
                <td>
                  <span className={`badge ${s.status}`}>{s.status}</span>
                </td>
                <td className="num">{Number.isFinite(s.seconds) ? s.seconds.toFixed(1) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {showLog && build.log && (
        <details>
          <summary>Build log</summary>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
          <pre className="patch" tabIndex={0}>
            {build.log}
          </pre>
        </details>
      )}
    </div>
  );
}
