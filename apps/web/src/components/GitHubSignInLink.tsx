import { apiGet } from '../lib/server/api-client';

/**
 * "Sign in with GitHub", when the API has it configured. A plain link: the API
 * redirects to GitHub and back (through the /api gateway, on this origin), and
 * then to `next`, which the sign-in page has already limited to this site.
 */
export async function GitHubSignInLink({ next }: { next: string }) {
  const methods = await apiGet<{ github: boolean }>('/api/auth/methods').catch(() => null);
  if (!methods?.github) return null;
  return (
    <p>
      <a
        className="button"
        id="signin-github"
        href={`/api/auth/github?next=${encodeURIComponent(next)}`}
      >
        Sign in with GitHub
      </a>{' '}
      <span className="muted small">A first GitHub sign-in creates your account.</span>
    </p>
  );
}
