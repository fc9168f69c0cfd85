'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend, describeError } from '../../lib/browser/browser-api';

/** Runs a write against the API, then refreshes the server-rendered page. */
export function useApiAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<T>(
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      const result = await apiSend<T>(method, path, body);
      router.refresh();
      return result;
    } catch (e) {
      setError(describeError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error };
}
