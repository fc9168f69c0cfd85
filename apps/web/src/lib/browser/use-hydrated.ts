'use client';

import { useEffect, useState } from 'react';

/**
 * False until React has hydrated the component. Submit buttons of forms that
 * only work through their JavaScript handler stay disabled until then, so an
 * early click cannot fall back to a native submission that reloads the page.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
