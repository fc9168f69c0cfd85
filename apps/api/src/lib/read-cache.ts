// Rendered JSON bodies of public reads, reused until the data changes.
//
// Each entry remembers the data version (db/data-version.ts) it was rendered
// under and is served only while the version is still the same, i.e. while no
// write has committed since — on any instance sharing the database. Rendering
// takes the version *before* reading the data, so an entry can only be older
// than its version, never newer: a write committing mid-render changes the
// version, and the entry is never served. Concurrent misses for one key and
// version share one render (after an approval, 64 waiting clients cost one
// query, not 64). The bodies are public (no per-user content) and the number of
// entries is bounded, since keys come from query strings.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DataVersion } from '../db/data-version';

export interface Rendered<M = undefined> {
  body: string;
  /** What the route needs besides the body (e.g. the next cursor for a Link header). */
  meta: M;
}

export interface CachedJson<M = undefined> extends Rendered<M> {
  version: string;
  /** Strong validator: a hash of the exact body bytes. */
  etag: string;
}

export class ReadCache {
  private readonly entries = new Map<string, { version: string; value: unknown }>();
  private readonly loading = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dataVersion: DataVersion,
    private readonly maxEntries = 256,
  ) {}

  /** The cached body for `key`, or `render()`'s when the data changed since it was cached. */
  async get<M>(key: string, render: () => Promise<Rendered<M>>): Promise<CachedJson<M>> {
    return this.value(key, async (version) => {
      const { body, meta } = await render();
      return { version, body, meta, etag: etagOf(body) };
    });
  }

  /**
   * Any value derived from the database only (no clock, no request), cached
   * like a body. `load` gets the version it is loaded under.
   */
  async value<T>(key: string, load: (version: string) => Promise<T>): Promise<T> {
    const version = await this.dataVersion();
    const hit = this.entries.get(key);
    if (hit?.version === version) return hit.value as T;
    const flightKey = `${version}\u0000${key}`;
    const pending = this.loading.get(flightKey) as Promise<T> | undefined;
    if (pending) return pending;
    const promise = load(version)
      .then((value) => {
        this.store(key, { version, value });
        return value;
      })
      .finally(() => this.loading.delete(flightKey));
    this.loading.set(flightKey, promise);
    return promise;
  }

  private store(key: string, entry: { version: string; value: unknown }): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** What the zod serializer would send: the data encoded by the route's response schema. */
export function renderJson<S extends z.ZodType>(schema: S, data: z.output<S>): string {
  return JSON.stringify(z.encode(schema, data));
}

/** Does If-None-Match name this ETag? (weak comparison, as RFC 9110 asks for GET) */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Sends a cached body with its ETag, or 304 when the client already holds it. */
export function sendCachedJson<M>(
  request: FastifyRequest,
  reply: FastifyReply,
  entry: CachedJson<M>,
) {
  // Clients may keep the body but must ask again before reusing it: it changes on any write.
  reply.header('etag', entry.etag).header('cache-control', 'no-cache');
  if (notModified(request, entry.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(entry.body);
}
