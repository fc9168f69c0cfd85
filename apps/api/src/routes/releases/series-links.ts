import type { StoredSeries } from '../../domain/releases/stored-series';

/** Download URLs of a stored series under `base` (a release or a revision preview). */
export function seriesLinks(base: string, series: StoredSeries) {
  return {
    version: series.version,
    mbox: `${base}/series.mbox`,
    tarGz: `${base}/series.tar.gz`,
    files: series.files.map((f) => ({
      name: f.name,
      size: Buffer.byteLength(f.content),
      url: `${base}/patches/${encodeURIComponent(f.name)}`,
    })),
  };
}
