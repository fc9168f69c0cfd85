'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend, describeError } from '../../lib/browser/browser-api';
import { useHydrated } from '../../lib/browser/use-hydrated';
import { SESSION_PATH } from '../../lib/shared/auth-paths';

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card stack"
      style={{ maxWidth: '26rem' }}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await apiSend('POST', SESSION_PATH, { name, password });
          router.push(next);
          router.refresh();
        } catch (err) {
          setError(describeError(err));
          setBusy(false);
        }
      }}
    >
      <label>
        <span>User name</span>
        <input
          id="signin-name"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </label>
      <label>
        <span>Password</span>
        <input
          id="signin-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <button type="submit" className="primary" disabled={busy || !hydrated}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </form>
  );
}
