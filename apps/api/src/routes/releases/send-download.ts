import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Download {
  body: string | Buffer;
  contentType: string;
  /** Suggested file name; reduced to [A-Za-z0-9._-] before it reaches the header. */
  filename: string;
  /** Opaque strong validator of exactly these bytes (without quotes). */
  etag: string;
  /**
   * Release downloads never change: caches may keep them for a year without asking.
   * Previews change when the baseline moves: caches must revalidate (cheap, via ETag).
   */
  immutable: boolean;
}

export const CONTENT_TYPES = {
  mbox: 'application/mbox',
  tarGz: 'application/gzip',
  patch: 'text/x-diff; charset=utf-8',
} as const;

export function safeFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(0, 200) || 'download';
}

/** RFC 9110 §13.1.2: If-None-Match uses weak comparison; `*` matches any current representation. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(`"${etag}"`);
}

export function sendDownload(request: FastifyRequest, reply: FastifyReply, download: Download) {
  reply
    .header('etag', `"${download.etag}"`)
    .header(
      'cache-control',
      download.immutable ? 'public, max-age=31536000, immutable' : 'public, no-cache',
    )
    .header('x-content-type-options', 'nosniff');
  if (ifNoneMatchHits(request.headers['if-none-match'], download.etag)) {
    return reply.code(304).send();
  }
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${safeFilename(download.filename)}"`)
    .send(download.body);
}
