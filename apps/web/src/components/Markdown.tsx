import ReactMarkdown, { defaultUrlTransform } from 'react-markdown';

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

export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        urlTransform={safeUrl}
        disallowedElements={['img']}
        unwrapDisallowed
        components={{
          a: ({ href, children: text }) =>
            href ? (
              <a href={href} rel="nofollow noopener noreferrer ugc">
                {text}
              </a>
            ) : (
              <span>{text}</span>
            ),
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
