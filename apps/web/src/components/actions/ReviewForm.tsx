'use client';

import type { Verdict } from '@dust/contract';
import { useState } from 'react';
import { useApiAction } from './use-api-action';

/** Ack, NAK or raise a concern on one revision. */
export function ReviewForm({ proposalId, revision }: { proposalId: string; revision: number }) {
  const { run, busy, error } = useApiAction();
  const [verdict, setVerdict] = useState<Verdict>('ack');
  const [body, setBody] = useState('');
  return (
    <form
      className="stack panel"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await run(
          'POST',
          `/api/proposals/${encodeURIComponent(proposalId)}/revisions/${revision}/reviews`,
          { verdict, body },
        );
        if (ok !== undefined) setBody('');
      }}
    >
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="small" style={{ fontWeight: 600 }}>
          Review v{revision}
        </legend>
        {(['ack', 'nak', 'concern'] as const).map((v) => (
          <label key={v} className="row" style={{ gap: '0.3rem' }}>
            <input
              type="radio"
              name="verdict"
              value={v}
              checked={verdict === v}
              onChange={() => setVerdict(v)}
            />
            {v === 'ack' ? 'Ack' : v === 'nak' ? 'NAK' : 'Concern (blocks approval until resolved)'}
          </label>
        ))}
      </fieldset>
      <label>
        <span>Why</span>
        <textarea
          id="review-body"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          required
        />
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || body.trim() === ''}>
          {busy ? 'Sending…' : 'Send review'}
        </button>
        {error && (
          <span role="alert" className="error-text small">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
