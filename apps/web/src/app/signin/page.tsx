import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '../../components/actions/SignInForm';
import { GitHubSignInLink } from '../../components/GitHubSignInLink';
import { publicOrigin } from '../../lib/server/public-origin';
import { getViewer } from '../../lib/server/viewer';
import { sameOriginPath } from '../../lib/shared/same-origin-path';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; github?: string }>;
}) {
  const { next, github } = await searchParams;
  const viewer = await getViewer().catch(() => null);
  // Only same-origin paths: a sign-in link must not bounce the visitor elsewhere.
  const safe = sameOriginPath(next, await publicOrigin());
  return (
    <>
      <h1>Sign in</h1>
      {viewer && (
        <p className="panel">
          You are signed in as <strong>{viewer.name}</strong>.{' '}
          <Link href="/account">Your account</Link>
        </p>
      )}
      {github === 'denied' && (
        <p role="alert" className="error-text">
          GitHub sign-in was cancelled.
        </p>
      )}
      <GitHubSignInLink next={safe} />
      <SignInForm next={safe} />
      <p className="muted small">
        Accounts are created by an admin (<code>POST /api/users</code>). The command line uses API
        tokens, made on the account page.
      </p>
    </>
  );
}
