import { type Author, renderSeries, seriesTarGz } from '@dust/kernel';
import type { Grouping } from '@dust/model';
import type { Db } from '../../db/types';
import { authorIdentity } from '../author-identity';
import { storeArtifact } from './store-artifact';
import { newStoredSeries, type StoredSeries, toStoredSeries } from './stored-series';

export type ReleaseSeriesResult =
  | { kind: 'ok'; release: number; series: StoredSeries }
  | { kind: 'not-found' }
  /** Release 0 is the empty baseline (strict mode only): nothing to patch. */
  | { kind: 'no-series' };

export interface ReleaseToRender {
  id: number;
  number: number;
  grouping: unknown;
  trailers: unknown;
  createdAt: Date;
  /** The revision's author (whoever wrote the grouping); null for release 0. */
  author: { name: string; email: string | null } | null;
}

/**
 * Renders release N's patch series and stores it. The approval does this inside
 * its transaction (so every release has its series, or the approval is refused
 * with the renderer's reason); releases approved before that are rendered here
 * on first request. Rendering is deterministic, so two racing first requests
 * produce the same artifact; the unique releaseId keeps one. Throws the
 * renderer's RenderError when it refuses.
 */
export async function renderAndStoreSeries(db: Db, release: ReleaseToRender): Promise<void> {
  const previous =
    release.number > 1
      ? await db.release.findUnique({ where: { number: release.number - 1 } })
      : null;
  const author = release.author ? seriesAuthor(release.author) : undefined;
  const series = renderSeries({
    grouping: release.grouping as Grouping,
    ...(previous ? { previous: previous.grouping as Grouping } : {}),
    version: release.number,
    release: release.number,
    trailers: releaseTrailers(author, release.trailers as string[]),
    ...(author ? { author } : {}),
    date: release.createdAt.toISOString(),
  });
  await storeArtifact(
    db,
    { kind: 'series', releaseId: release.id },
    newStoredSeries({
      version: `v${series.version}`,
      files: series.files,
      mbox: series.mbox,
      tarGz: seriesTarGz(series),
    }),
  );
}

/** The stored patch series of release N, rendering it first for a release that has none yet. */
export async function renderReleaseSeries(db: Db, number: number): Promise<ReleaseSeriesResult> {
  const release = await db.release.findUnique({
    where: { number },
    include: { artifacts: true, revision: { include: { author: true } } },
  });
  if (!release) return { kind: 'not-found' };
  const stored = release.artifacts[0];
  if (stored) return { kind: 'ok', release: number, series: toStoredSeries(stored) };
  if (number === 0) return { kind: 'no-series' };
  await renderAndStoreSeries(db, { ...release, author: release.revision?.author ?? null });
  // Read back what is stored: a concurrent first request may have won the insert.
  const artifact = await db.releaseArtifact.findUniqueOrThrow({
    where: { releaseId: release.id },
  });
  return { kind: 'ok', release: number, series: toStoredSeries(artifact) };
}

/** The From: of the series: whoever wrote the grouping (docs/design.md, "The patch series"). */
export function seriesAuthor(user: { name: string; email: string | null }): Author {
  return authorIdentity(user);
}

/**
 * The author signs off first (checkpatch requires a Signed-off-by), then the
 * acks the approval collected, as kernel maintainers order them.
 */
export function releaseTrailers(author: Author | undefined, acks: string[]): string[] | undefined {
  if (!author) return acks.length > 0 ? acks : undefined;
  const signOff = `Signed-off-by: ${author.name} <${author.email}>`;
  return [signOff, ...acks.filter((line) => line !== signOff)];
}
