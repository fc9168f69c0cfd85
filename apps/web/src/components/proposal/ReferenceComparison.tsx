import { compareWithReference, type Grouping } from '@dust/model';
import { referenceGroupings } from '../../lib/server/reference-groupings';

const percent = (agreement: number) => `${Math.round(agreement * 100)} %`;
const calls = (names: readonly string[]) =>
  names.length === 0 ? <span className="muted">—</span> : names.join(', ');

/** Each flag beside the closest flag of systemd's, strace's and pledge's groupings. */
export function ReferenceComparison({ grouping }: { grouping: Grouping }) {
  if (grouping.flags.length === 0) return null;
  return (
    <details className="panel" data-testid="reference-comparison">
      <summary>Compared with reference groupings</summary>
      <p className="small muted">
        Each flag is set beside the reference flag it shares the most calls with (agreement: shared
        calls over all calls of the two).
      </p>
      {referenceGroupings().map((reference) => {
        const result = compareWithReference(grouping, reference.grouping);
        return (
          <section key={reference.key}>
            <h3>{reference.label}</h3>
            <div style={{ overflowX: 'auto' }}>
              <table>
                <thead>
                  <tr>
                    <th>Flag</th>
                    <th>Closest</th>
                    <th className="num">Agreement</th>
                    <th>Only in the flag</th>
                    <th>Only in the reference</th>
                  </tr>
                </thead>
                <tbody>
                  {result.flags.map((f) => (
                    <tr key={f.flag}>
                      <td className="mono">{f.flag}</td>
                      <td className="mono">{f.reference ?? <span className="muted">none</span>}</td>
                      <td className="num">{percent(f.agreement)}</td>
                      <td className="mono small">{calls(f.onlyInFlag)}</td>
                      <td className="mono small">{calls(f.onlyInReference)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="small">
              Grouped by the reference, in no flag here: {result.onlyInReference.length} call(s)
            </p>
          </section>
        );
      })}
    </details>
  );
}
