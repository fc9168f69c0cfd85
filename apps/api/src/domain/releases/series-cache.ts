import type { StoredSeries } from './stored-series';

/**
 * Rendered series kept in memory, least recently used out first. Safe because
 * what is cached never changes: a release's series is immutable, and a preview is
 * keyed by the baseline it was rendered against. One cache per app instance
 * (several apps with different databases may share a process, e.g. in tests).
 */
export class SeriesCache {
  private readonly entries = new Map<string, StoredSeries>();

  constructor(private readonly capacity = 64) {}

  get(key: string): StoredSeries | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map keeps insertion order, so the first key is the least recent.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, series: StoredSeries): void {
    this.entries.delete(key);
    this.entries.set(key, series);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
