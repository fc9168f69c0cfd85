import { createHash } from 'node:crypto';
import type { ReleaseArtifact } from '../../generated/prisma/client';

/** A rendered series as it is stored (ReleaseArtifact) and served. */
export interface StoredSeries {
  version: string;
  files: { name: string; content: string }[];
  mbox: string;
  tarGz: Buffer;
  /** Opaque, content-derived; each representation appends its own suffix. */
  etag: string;
}

export function toStoredSeries(artifact: ReleaseArtifact): StoredSeries {
  return {
    version: artifact.version,
    files: artifact.files as StoredSeries['files'],
    mbox: artifact.mbox,
    tarGz: Buffer.from(artifact.tarGz),
    etag: artifact.etag,
  };
}

/** The artifact's etag: a hash of everything it serves, so equal bytes give equal tags. */
export function seriesEtag(mbox: string, files: StoredSeries['files'], tarGz: Buffer): string {
  const hash = createHash('sha256');
  hash.update(mbox);
  for (const file of files) hash.update(`\0${file.name}\0${file.content}`);
  hash.update(tarGz);
  return hash.digest('base64url').slice(0, 32);
}

/** A freshly rendered series with its etag, ready to store. */
export function newStoredSeries(series: Omit<StoredSeries, 'etag'>): StoredSeries {
  return { ...series, etag: seriesEtag(series.mbox, series.files, series.tarGz) };
}
