'use client';

import { FLAG_NAME_PATTERN } from '@dust/model';
import { useState } from 'react';
import { useApiAction } from './use-api-action';

/** Suggest another name for a flag; checked against the same pattern as the validator. */
export function SuggestNameForm({ proposalId, flag }: { proposalId: string; flag: string }) {
  const { run, busy, error } = useApiAction();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const invalid = name !== '' && !FLAG_NAME_PATTERN.test(name);
  return (
    <form
      className="row small"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await run(
          'POST',
          `/api/proposals/${encodeURIComponent(proposalId)}/name-suggestions`,
          {
            flag,
            name,
            reason,
          },
        );
        if (ok !== undefined) {
          setName('');
          setReason('');
        }
      }}
    >
      <input
        className="mono"
        aria-label={`Suggested name for ${flag}`}
        placeholder="BETTER_NAME"
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={invalid}
      />
      <input
        aria-label="Reason"
        placeholder="why this name"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" disabled={busy || name === '' || invalid || reason.trim() === ''}>
        Suggest name
      </button>
      {invalid && <span className="error-text">Names match {String(FLAG_NAME_PATTERN)}</span>}
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </form>
  );
}
