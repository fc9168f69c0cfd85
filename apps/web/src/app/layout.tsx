import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getAttention } from '../lib/server/attention';
import { getViewer } from '../lib/server/viewer';
import './globals.css';

// Every page shows live data from the API and who is signed in: nothing is prerendered.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Dust', template: '%s · Dust' },
  description: 'Design, debate and approve the flag groups of SECCOMP flags mode',
  alternates: { types: { 'application/atom+xml': '/api/events.atom' } },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer().catch(() => null);
  // The count is a convenience: a failing read must not take every page down.
  const waiting = viewer ? await getAttention().catch(() => null) : null;
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Dust
          </Link>
          <nav aria-label="Main" className="main-nav">
            <Link href="/">Baseline</Link>
            <Link href="/proposals">Proposals</Link>
            <Link href="/syscalls">Syscalls</Link>
            <Link href="/releases">Releases</Link>
            <Link href="/proposals/new">New proposal</Link>
            {waiting && (
              <Link href="/#your-turn" aria-label={`Your turn: ${waiting.length} waiting`}>
                Your turn <span className="count">{waiting.length}</span>
              </Link>
            )}
          </nav>
          <span className="viewer">
            {viewer ? (
              <Link href="/account">
                {viewer.name} ({viewer.role})
              </Link>
            ) : (
              <Link href="/signin">Sign in</Link>
            )}
          </span>
        </header>
        <main>{children}</main>
        <footer>Dust: flag groups for SECCOMP flags mode, Linux 6.1.</footer>
      </body>
    </html>
  );
}
