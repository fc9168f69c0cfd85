'use client';

import { useState } from 'react';
import { useApiAction } from './use-api-action';

/** The author edits the proposal's title and rationale (revisions stay immutable). */
export function EditProposalForm({
  id,
  title,
  rationale,
}: {
  id: number;
  title: string;
  rationale: string;
}) {
  const { run, busy, error } = useApiAction();
  const [t, setT] = useState(title);
  const [r, setR] = useState(rationale);
  return (
    <details>
      <summary>Edit title and rationale</summary>
      <form
        className="stack panel"
        onSubmit={async (e) => {
          e.preventDefault();
          await run('PATCH', `/api/proposals/${id}`, { title: t, rationale: r });
        }}
      >
        <label>
          <span>Title</span>
          <input
            id="edit-title"
            value={t}
            onChange={(e) => setT(e.target.value)}
            style={{ width: '100%' }}
          />
        </label>
        <label>
          <span>Rationale (markdown)</span>
          <textarea id="edit-rationale" value={r} onChange={(e) => setR(e.target.value)} />
        </label>
        <div className="row">
          <button type="submit" disabled={busy || (t === title && r === rationale)}>
            Save
          </button>
          {error && (
            <span role="alert" className="error-text small">
              {error}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}
