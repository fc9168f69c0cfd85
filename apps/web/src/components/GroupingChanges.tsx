import { diffGroupings, type Grouping } from '@dust/model';

/** The model's semantic diff between two groupings, as a readable list. */
export function GroupingChanges({ from, to }: { from: Grouping | null; to: Grouping }) {
  if (!from) return <p className="muted">The first release.</p>;
  const d = diffGroupings(from, to);
  if (d.identical) return <p className="muted">No changes.</p>;
  return (
    <ul className="stack" data-testid="grouping-changes">
      {d.policy.map((p) => (
        <li key={p.field}>
          Policy <code>{p.field}</code>: <code>{p.from ?? '(not set)'}</code> →{' '}
          <code>{p.to ?? '(not set)'}</code>
        </li>
      ))}
      {d.flagsAdded.map((f) => (
        <li key={`add-${f.bit}-${f.name}`} className="diff-added">
          New flag <code>{f.name}</code> (bit {f.bit}) with {f.syscalls.length} syscall
          {f.syscalls.length === 1 ? '' : 's'}
          {f.syscalls.length <= 12 &&
            f.syscalls.map((s) => (
              <span key={s} className="chip added">
                {s}
              </span>
            ))}
        </li>
      ))}
      {d.flagsRemoved.map((f) => (
        <li key={`rm-${f.bit}-${f.name}`} className="diff-removed">
          Flag <code>{f.name}</code> (bit {f.bit}) removed
        </li>
      ))}
      {d.flagsRenamed.map((r) => (
        <li key={`ren-${r.bit}`} className="diff-renamed">
          Bit {r.bit} renamed <code>{r.from}</code> → <code>{r.to}</code>
        </li>
      ))}
      {d.bitsChanged.map((b) => (
        <li key={`bit-${b.name}`} className="diff-renamed">
          <code>{b.name}</code> moved from bit {b.from} to bit {b.to}
        </li>
      ))}
      {d.descriptionsChanged.map((c) => (
        <li key={`desc-${c.name}`}>
          <code>{c.name}</code> description: <q>{c.from}</q> → <q>{c.to}</q>
        </li>
      ))}
      {d.syscallsChanged.map((s) => (
        <li key={`sc-${s.name}-${s.bit}`}>
          <code>{s.name}</code>:{' '}
          {s.added.map((n) => (
            <span key={`a-${n}`} className="chip added">
              +{n}
            </span>
          ))}
          {s.removed.map((n) => (
            <span key={`r-${n}`} className="chip removed">
              −{n}
            </span>
          ))}
        </li>
      ))}
      {d.syscallsMoved.length > 0 && (
        <li>
          Moved:{' '}
          {d.syscallsMoved.map((m) => (
            <span key={`${m.syscall}-${m.from}-${m.to}`} className="chip">
              {m.syscall}: {m.from} → {m.to}
            </span>
          ))}
        </li>
      )}
    </ul>
  );
}
