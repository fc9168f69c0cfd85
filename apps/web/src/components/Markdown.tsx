import type { ReactElement } from 'react';
import renderMarkdown, { type Components, defaultUrlTransform } from 'react-markdown';

// Comments and rationales are markdown written by anyone. Rendered without raw HTML
// (no rehype-raw; raw HTML in the source is dropped), links limited to safe protocols,
// images not rendered (no third-party requests from a reader's browser).

const SAFE_PROTOCOL = /^(https?:|mailto:)/i;

export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  if (cleaned === '') return '';
  // Relative links (/proposals/2, #flag-FOO) have no protocol; everything else must be safe.
  if (/^[a-z][a-z0-9+.-]*:/i.test(cleaned) && !SAFE_PROTOCOL.test(cleaned)) return '';
  return cleaned;
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="nofollow noopener noreferrer ugc">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

// Comments never change once posted: the rendered element tree of a body is kept (React
// elements are immutable), so a page with hundreds of comments parses each one once per
// server process, not once per request. Bounded, oldest entries dropped first.
const rendered = new Map<string, ReactElement>();
const CACHE_LIMIT = 5000;

function toElements(source: string): ReactElement {
  const cached = rendered.get(source);
  if (cached) return cached;
  const element = renderMarkdown({
    children: source,
    skipHtml: true,
    urlTransform: safeUrl,
    disallowedElements: ['img'],
    unwrapDisallowed: true,
    components,
  });
  if (rendered.size >= CACHE_LIMIT) {
    const oldest = rendered.keys().next().value;
    if (oldest !== undefined) rendered.delete(oldest);
  }
  rendered.set(source, element);
  return element;
}

export function Markdown({ children }: { children: string }) {
  return <div className="markdown">{toElements(children)}</div>;
}
