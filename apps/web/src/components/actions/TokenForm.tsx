'use client';

import { useState } from 'react';
import { useHydrated } from '../../lib/browser/use-hydrated';
import { TOKENS_PATH } from '../../lib/shared/auth-paths';
import { useApiAction } from './use-api-action';

/** Creates an API token for the CLI and shows it once. */
export function TokenForm() {
  const { run, busy, error } = useApiAction();
  const hydrated = useHydrated();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  return (
    <form
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await run<{ token: string }>('POST', TOKENS_PATH, { name });
        if (result?.token) {
          setCreated(result.token);
          setName('');
        }
      }}
    >
      <div className="row">
        <input
          aria-label="Token name"
          placeholder="e.g. laptop CLI"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={busy || !hydrated}>
          Create token
        </button>
      </div>
      {created && (
        <div className="panel">
          <p>Copy it now, it is not shown again:</p>
          <pre className="mono" data-testid="new-token">
            {created}
          </pre>
          <p className="small">
            Use it with the CLI: <code>DUST_TOKEN={created.slice(0, 6)}… dust …</code>, or as{' '}
            <code>Authorization: Bearer …</code>.
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="error-text small">
          {error}
        </p>
      )}
    </form>
  );
}
