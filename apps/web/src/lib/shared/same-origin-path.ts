// Where to send a visitor after signing in: only somewhere on this site. The
// decision is the URL parser's, not a prefix check — browsers read "/\host",
// "/\t/host" and "/%5Chost" (decoded) as "//host", another site.

/** `next` as a path on `origin` (path, query and fragment), or "/" when it leaves the origin. */
export function sameOriginPath(next: unknown, origin: string): string {
  if (typeof next !== 'string' || next === '') return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
