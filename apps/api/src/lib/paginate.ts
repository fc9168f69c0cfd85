// Cursor pagination by id: `?cursor=<id>&limit=n`, answered with
// {items, nextCursor} and an RFC 8288 `Link: <…>; rel="next"` header.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Page<T> {
  items: T[];
  nextCursor: number | null;
}

/** `rows` were fetched with take = limit + 1; the extra row only says that more exist. */
export function toPage<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}

export function setLinkHeader(
  request: FastifyRequest,
  reply: FastifyReply,
  nextCursor: number | null,
): void {
  if (nextCursor === null) return;
  reply.header('link', nextLink(request.url, nextCursor));
}

// Parsing the URL cost more than the rest of a cached list read; the same few
// URLs come again and again, so the results are memoised (bounded: URLs are input).
const MEMO_SIZE = 512;
const memo = new Map<string, string>();

function nextLink(requestUrl: string, nextCursor: number): string {
  const key = `${nextCursor} ${requestUrl}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const url = new URL(requestUrl, 'http://placeholder');
  url.searchParams.set('cursor', String(nextCursor));
  const link = `<${url.pathname}${url.search}>; rel="next"`;
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, link);
  return link;
}
