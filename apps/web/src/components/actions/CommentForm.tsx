'use client';

import { useState } from 'react';
import { useApiAction } from './use-api-action';

interface Props {
  proposalId: string;
  revision: number;
  /** attach to this flag (fixed) */
  flag?: string;
  /** offered in the "attach to" selector when no flag is fixed */
  flags?: string[];
  compact?: boolean;
}

/** Posts a markdown comment, optionally attached to a flag or a syscall. */
export function CommentForm({ proposalId, revision, flag, flags = [], compact }: Props) {
  const { run, busy, error } = useApiAction();
  const [body, setBody] = useState('');
  const [attach, setAttach] = useState(flag ?? '');
  const [syscall, setSyscall] = useState('');
  const idBase = `comment-${flag ?? 'general'}`;
  return (
    <form
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        const payload: Record<string, unknown> = { body, revision };
        if (attach) payload.flag = attach;
        if (syscall.trim()) payload.syscall = syscall.trim();
        const ok = await run(
          'POST',
          `/api/proposals/${encodeURIComponent(proposalId)}/comments`,
          payload,
        );
        if (ok !== undefined) {
          setBody('');
          setSyscall('');
        }
      }}
    >
      <label>
        <span>{flag ? `Comment on ${flag}` : 'Comment'} (markdown)</span>
        <textarea
          id={`${idBase}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          style={compact ? { minHeight: '3rem' } : undefined}
          required
        />
      </label>
      <div className="row">
        {!flag && (
          <label>
            <span>Attach to flag</span>
            <select value={attach} onChange={(e) => setAttach(e.target.value)}>
              <option value="">(the whole proposal)</option>
              {flags.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>Attach to syscall (optional)</span>
          <input
            className="mono"
            value={syscall}
            onChange={(e) => setSyscall(e.target.value)}
            placeholder="e.g. openat"
          />
        </label>
        <button type="submit" disabled={busy || body.trim() === ''}>
          {busy ? 'Posting…' : 'Post comment'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text small">
          {error}
        </p>
      )}
    </form>
  );
}
