'use client';

import type { Grouping } from '@dust/model';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend, describeError } from '../lib/browser/browser-api';
import { ApiError } from '../lib/shared/problem';
import type { EditorTarget } from './Editor';

interface Props {
  target: EditorTarget;
  grouping: Grouping;
  valid: boolean;
  signedIn: boolean;
  /** a name suggestion whose rename is the only change: submit through the adopt endpoint */
  adoptSuggestion: number | null;
}

export function SubmitPanel({ target, grouping, valid, signedIn, adoptSuggestion }: Props) {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [rationale, setRationale] = useState('');
  const [changelog, setChangelog] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problemDiagnostics, setProblemDiagnostics] = useState<string[]>([]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setProblemDiagnostics([]);
    try {
      if (target.kind === 'new') {
        const created = await apiSend<{ id: string }>('POST', '/api/proposals', {
          title,
          rationale,
          grouping,
        });
        router.push(`/proposals/${encodeURIComponent(created.id)}`);
      } else if (adoptSuggestion !== null) {
        const created = await apiSend<{ number: number }>(
          'POST',
          `/api/name-suggestions/${adoptSuggestion}/adopt`,
        );
        router.push(`/proposals/${encodeURIComponent(target.proposalId)}?rev=${created.number}`);
      } else {
        const created = await apiSend<{ number: number }>(
          'POST',
          `/api/proposals/${encodeURIComponent(target.proposalId)}/revisions`,
          { grouping, changelog },
        );
        router.push(`/proposals/${encodeURIComponent(target.proposalId)}?rev=${created.number}`);
      }
      router.refresh();
    } catch (e) {
      setError(describeError(e));
      if (e instanceof ApiError && e.problem.diagnostics) {
        setProblemDiagnostics(
          e.problem.diagnostics.map((d) => `${d.code} at ${d.path || '/'}: ${d.message}`),
        );
      }
      setBusy(false);
    }
  };

  const missing =
    target.kind === 'new'
      ? title.trim() === '' || rationale.trim() === ''
      : changelog.trim() === '' && adoptSuggestion === null;

  return (
    <form
      className="panel stack"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 style={{ marginTop: 0 }}>
        {target.kind === 'new' ? 'Submit proposal' : `Submit v${target.nextNumber}`}
      </h2>
      {target.kind === 'new' ? (
        <>
          <label>
            <span>Title</span>
            <input
              id="proposal-title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              style={{ width: '100%' }}
            />
          </label>
          <label>
            <span>Rationale (markdown)</span>
            <textarea
              id="proposal-rationale"
              value={rationale}
              onChange={(e) => setRationale(e.target.value)}
            />
          </label>
        </>
      ) : (
        <label>
          <span>
            Changelog (what changed since the previous revision)
            {adoptSuggestion !== null &&
              ': the adoption writes it when the rename is the only change'}
          </span>
          <textarea
            id="revision-changelog"
            value={changelog}
            onChange={(e) => setChangelog(e.target.value)}
          />
        </label>
      )}
      {!valid && (
        <p className="small muted">
          It has errors: it can be submitted and debated, but not approved until they are fixed.
        </p>
      )}
      {signedIn ? (
        <button type="submit" className="primary" disabled={busy || missing}>
          {busy ? 'Submitting…' : 'Submit'}
        </button>
      ) : (
        <p>
          <Link href="/signin">Sign in</Link> to submit.
        </p>
      )}
      {error && (
        <div role="alert" className="error-text small">
          {error}
          {problemDiagnostics.length > 0 && (
            <ul>
              {problemDiagnostics.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
