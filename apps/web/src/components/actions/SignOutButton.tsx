'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend, describeError } from '../../lib/browser/browser-api';
import { SESSION_PATH } from '../../lib/shared/auth-paths';

export function SignOutButton() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          try {
            await apiSend('DELETE', SESSION_PATH);
            router.push('/');
            router.refresh();
          } catch (e) {
            setError(describeError(e));
          }
        }}
      >
        Sign out
      </button>
      {error && <span className="error-text small">{error}</span>}
    </>
  );
}
