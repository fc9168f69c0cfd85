'use client';

import { useApiAction } from './use-api-action';

interface Props {
  method: 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  label: string;
  className?: string;
  disabled?: boolean;
  title?: string;
}

/** One button, one API write (vote, resolve, rebase, revoke…), errors shown beside it. */
export function ActionButton({ method, path, body, label, className, disabled, title }: Props) {
  const { run, busy, error } = useApiAction();
  return (
    <span className="row" style={{ display: 'inline-flex' }}>
      <button
        type="button"
        className={className}
        disabled={disabled || busy}
        title={title}
        onClick={() => void run(method, path, body)}
      >
        {busy ? '…' : label}
      </button>
      {error && (
        <span role="alert" className="error-text small">
          {error}
        </span>
      )}
    </span>
  );
}
