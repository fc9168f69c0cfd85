import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '../../components/actions/SignInForm';
import { publicOrigin } from '../../lib/public-origin';
import { sameOriginPath } from '../../lib/same-origin-path';
import { getViewer } from '../../lib/viewer';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const viewer = await getViewer().catch(() => null);
  return (
    <>
      <h1>Sign in</h1>
      {viewer && (
        <p className="panel">
          You are signed in as <strong>{viewer.name}</strong>.{' '}
          <Link href="/account">Your account</Link>
        </p>
      )}
      {/* Only same-origin paths: a sign-in link must not bounce the visitor elsewhere. */}
      <SignInForm next={sameOriginPath(next, await publicOrigin())} />
      <p className="muted small">
        Accounts are created by an admin (<code>POST /api/users</code>). The command line uses API
        tokens, made on the account page.
      </p>
    </>
  );
}
