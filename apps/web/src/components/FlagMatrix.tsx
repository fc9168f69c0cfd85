import type { MatrixRow, SyscallClass } from '../lib/shared/coverage';

/** Flags × syscall classes as a heat map: darker cells grant more of the class. */
export function FlagMatrix({
  rows,
  classes,
}: {
  rows: MatrixRow[];
  classes: readonly SyscallClass[];
}) {
  if (rows.length === 0 || classes.length === 0) {
    return <p className="empty">Nothing to draw yet: the baseline has no flags.</p>;
  }
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="matrix">
        <caption className="small muted" style={{ captionSide: 'bottom', textAlign: 'left' }}>
          Each cell: how many syscalls of the class (column) the flag (row) grants.
        </caption>
        <thead>
          <tr>
            <th />
            {classes.map((c) => (
              <th key={c.name} className="head" title={`${c.syscalls.length} syscalls`}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.bit}>
              <th className="rowhead" scope="row">
                {row.flag}
              </th>
              {classes.map((c, i) => {
                const count = row.counts[i] ?? 0;
                const share = c.syscalls.length === 0 ? 0 : count / c.syscalls.length;
                return (
                  <td
                    key={c.name}
                    className="cell"
                    title={`${row.flag} grants ${count} of ${c.syscalls.length} in ${c.name}`}
                    style={{
                      background:
                        count === 0 ? '#f2f4f6' : `rgba(11, 92, 173, ${0.15 + 0.85 * share})`,
                      color: share > 0.5 ? '#fff' : 'inherit',
                    }}
                  >
                    {count || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
