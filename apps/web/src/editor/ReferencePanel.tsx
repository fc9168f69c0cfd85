'use client';
import { compareWithReference, type Grouping } from '@dust/model';
import { useMemo, useState } from 'react';
import type { EditorStart } from './Editor';

const list = (names: readonly string[]) => (names.length === 0 ? '—' : names.join(', '));

/** The draft's flags beside the closest flags of a reference grouping, as they are edited. */
export function ReferencePanel({
  references,
  draft,
}: {
  references: readonly EditorStart[];
  draft: Grouping;
}) {
  const [key, setKey] = useState(references[0]?.key ?? '');
  const reference = references.find((r) => r.key === key);
  const result = useMemo(
    () => (reference ? compareWithReference(draft, reference.grouping) : null),
    [draft, reference],
  );
  if (references.length === 0) return null;
  return (
    <section aria-labelledby="compare-heading" data-testid="editor-comparison">
      <h2 id="compare-heading" style={{ marginTop: 0 }}>
        Compare with
      </h2>
      <label>
        <span>Reference grouping</span>
        <select value={key} onChange={(e) => setKey(e.target.value)}>
          {references.map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {result && result.flags.length === 0 && <p className="muted">No flags to compare yet.</p>}
      <ul className="stack small">
        {result?.flags.map((f) => (
          <li key={f.flag}>
            <span className="mono">{f.flag}</span>{' '}
            {f.reference === null ? (
              <span className="muted">shares no call with any of its flags</span>
            ) : (
              <>
                ~ <span className="mono">{f.reference}</span> ({Math.round(f.agreement * 100)} %
                agree)
                <br />
                <span className="muted">only here: {list(f.onlyInFlag)}</span>
                <br />
                <span className="muted">only there: {list(f.onlyInReference)}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
