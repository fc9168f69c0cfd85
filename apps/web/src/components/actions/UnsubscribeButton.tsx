'use client';

import { useState } from 'react';
import { useApiAction } from './use-api-action';

/** One-click unsubscribe by a notification's token; says for whom it worked. */
export function UnsubscribeButton({ token }: { token: string }) {
  const { run, busy, error } = useApiAction();
  const [done, setDone] = useState<string | null>(null);
  if (done) return <p role="status">Done: {done} gets no more notification mail.</p>;
  return (
    <p className="row">
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={async () => {
          const result = await run<{ name: string }>(
            'POST',
            `/api/unsubscribe/${encodeURIComponent(token)}`,
          );
          if (result) setDone(result.name);
        }}
      >
        {busy ? '…' : 'Turn notification mail off'}
      </button>
      {error && (
        <span role="alert" className="error-text small">
          {error}
        </span>
      )}
    </p>
  );
}
