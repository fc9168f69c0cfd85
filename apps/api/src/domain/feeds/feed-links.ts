import type { AtomLink } from '../../lib/atom';

/**
 * A tag: URI (RFC 4151) under the Dust's host: permanent as long as the host
 * is, and never dereferenced, as Atom ids need not be.
 */
export function tagUri(base: string, specific: string): string {
  return `tag:${new URL(base).hostname},2026:${specific}`;
}

/** The feed's own address and the web page it follows. */
export function feedLinks(base: string, selfPath: string, pagePath: string): AtomLink[] {
  return [
    { href: `${base}${selfPath}`, rel: 'self', type: 'application/atom+xml' },
    { href: `${base}${pagePath}`, rel: 'alternate', type: 'text/html' },
  ];
}
