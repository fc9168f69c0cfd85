import { type Author, renderSeries, seriesTarGz } from '@dust/kernel';
import type { Grouping } from '@dust/model';
import type { PrismaClient } from '../../generated/prisma/client';
import { storeArtifact } from './store-artifact';
import { newStoredSeries, type StoredSeries, toStoredSeries } from './stored-series';

export type ReleaseSeriesResult =
  | { kind: 'ok'; release: number; series: StoredSeries }
  | { kind: 'not-found' }
  /** Release 0 is the empty baseline (strict mode only): nothing to patch. */
  | { kind: 'no-series' };

/**
 * The patch series of release N, rendered once and stored: releases are immutable,
 * so the first request (or the build worker) renders it and every later one reads
 * the stored bytes. Rendering is deterministic, so two racing first requests
 * produce the same artifact; the unique releaseId keeps one.
 */
export async function renderReleaseSeries(
  prisma: PrismaClient,
  number: number,
): Promise<ReleaseSeriesResult> {
  const release = await prisma.release.findUnique({
    where: { number },
    include: { artifacts: true, revision: { include: { author: true } } },
  });
  if (!release) return { kind: 'not-found' };
  const stored = release.artifacts[0];
  if (stored) return { kind: 'ok', release: number, series: toStoredSeries(stored) };
  if (number === 0) return { kind: 'no-series' };

  const previous =
    number > 1 ? await prisma.release.findUnique({ where: { number: number - 1 } }) : null;
  const author = release.revision ? seriesAuthor(release.revision.author) : undefined;
  const series = renderSeries({
    grouping: release.grouping as Grouping,
    ...(previous ? { previous: previous.grouping as Grouping } : {}),
    version: number,
    release: number,
    trailers: releaseTrailers(author, release.trailers as string[]),
    ...(author ? { author } : {}),
    date: release.createdAt.toISOString(),
  });
  await storeArtifact(
    prisma,
    { kind: 'series', releaseId: release.id },
    newStoredSeries({
      version: `v${series.version}`,
      files: series.files,
      mbox: series.mbox,
      tarGz: seriesTarGz(series),
    }),
  );
  // Read back what is stored: a concurrent first request may have won the insert.
  const artifact = await prisma.releaseArtifact.findUniqueOrThrow({
    where: { releaseId: release.id },
  });
  return { kind: 'ok', release: number, series: toStoredSeries(artifact) };
}

/** The From: of the series; accounts without an email get a reserved-domain address. */
export function seriesAuthor(user: { name: string; email: string | null }): Author {
  return { name: user.name, email: user.email ?? `${user.name}@users.dust.invalid` };
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
