'use client';

import Link from 'next/link';

// Errors the pages did not turn into problem details themselves (see lib/with-problem):
// shown with what the browser knows, and a way to retry.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="card stack" role="alert">
      <h1>Something went wrong</h1>
      <p>{error.message || 'The page could not be rendered.'}</p>
      {error.digest && (
        <p className="small muted">
          Reference: <code>{error.digest}</code> (the web server’s log has the details)
        </p>
      )}
      <div className="row">
        <button type="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Back to the baseline</Link>
      </div>
    </section>
  );
}
