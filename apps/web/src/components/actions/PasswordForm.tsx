'use client';

import { useState } from 'react';
import { useApiAction } from './use-api-action';

/** Sets or changes the password used to sign in to the web (other sessions end). */
export function PasswordForm() {
  const { run, busy, error } = useApiAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const body = current ? { currentPassword: current, password: next } : { password: next };
        const result = await run('PUT', '/api/me/password', body);
        if (result !== undefined) {
          setDone(true);
          setCurrent('');
          setNext('');
        }
      }}
    >
      <input
        type="password"
        autoComplete="current-password"
        aria-label="Current password"
        placeholder="current password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <input
        type="password"
        autoComplete="new-password"
        aria-label="New password"
        placeholder="new password (12+ characters)"
        minLength={12}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        required
      />
      <button type="submit" disabled={busy || next.length < 12}>
        Change password
      </button>
      {done && <span className="badge ok">changed</span>}
      {error && (
        <span role="alert" className="error-text small">
          {error}
        </span>
      )}
    </form>
  );
}
