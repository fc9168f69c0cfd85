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
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', String(nextCursor));
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}
