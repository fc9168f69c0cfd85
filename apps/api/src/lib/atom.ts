// Atom feeds (RFC 4287), written as text: a feed is a handful of elements, and
// every piece of user text goes through xmlText(), so a title or a name can
// never open an element of its own.

export interface AtomLink {
  href: string;
  rel?: 'alternate' | 'self' | 'enclosure' | 'related';
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** A permanent, unique IRI (RFC 4287 §4.2.6). */
  id: string;
  title: string;
  updated: Date;
  author: string;
  links: AtomLink[];
  summary?: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** The newest entry's time; a feed without entries says when it was asked for. */
  updated: Date;
  links: AtomLink[];
  entries: AtomEntry[];
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 up except
// the surrogates and U+FFFE/U+FFFF; the text rules refuse most of the rest on input,
// and this keeps a feed well-formed whatever an older row holds.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text for element content and attribute values. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function link(l: AtomLink): string {
  const attributes = [
    `href="${xmlText(l.href)}"`,
    `rel="${l.rel ?? 'alternate'}"`,
    ...(l.type ? [`type="${xmlText(l.type)}"`] : []),
    ...(l.title ? [`title="${xmlText(l.title)}"`] : []),
  ];
  return `<link ${attributes.join(' ')}/>`;
}

function entry(e: AtomEntry): string {
  return [
    '  <entry>',
    `    <id>${xmlText(e.id)}</id>`,
    `    <title type="text">${xmlText(e.title)}</title>`,
    `    <updated>${e.updated.toISOString()}</updated>`,
    `    <author><name>${xmlText(e.author)}</name></author>`,
    ...e.links.map((l) => `    ${link(l)}`),
    ...(e.categories ?? []).map((c) => `    <category term="${xmlText(c)}"/>`),
    ...(e.summary ? [`    <summary type="text">${xmlText(e.summary)}</summary>`] : []),
    '  </entry>',
  ].join('\n');
}

export function renderAtom(feed: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${feed.updated.toISOString()}</updated>`,
    '  <generator>Dust</generator>',
    ...feed.links.map((l) => `  ${link(l)}`),
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
