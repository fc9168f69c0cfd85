'use client';

import { useEffect, useState } from 'react';
import { timeLeft } from '../../lib/shared/time-left';

/**
 * The time left until `endsAt`, counted down in the browser. The server renders
 * it from its own clock; after hydration it follows the visitor's, each second.
 */
export function TimeLeft({ endsAt, renderedAt }: { endsAt: string; renderedAt: number }) {
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="fcp-time-left">{timeLeft(endsAt, now)}</span>;
}
