import { RenderError, renderSeries, type Series, seriesTarGz } from '@dust/kernel';
import type { Diagnostic, Grouping } from '@dust/model';
import type { PrismaClient } from '../../generated/prisma/client';
import { seriesAuthor } from './render-release-series';
import { storeArtifact } from './store-artifact';
import { newStoredSeries, type StoredSeries, toStoredSeries } from './stored-series';

export type PreviewResult =
  | { kind: 'ok'; baseRelease: number; series: StoredSeries }
  | { kind: 'not-found'; what: string }
  | { kind: 'invalid'; diagnostics: Diagnostic[] };

/**
 * The series a revision would become if approved now: rendered against the
 * current baseline (its "changes since" section and version vN+1 depend on it).
 * Cached per revision; the cached copy is re-rendered when the baseline has moved,
 * which the stored version tells (a preview on baseline N is version v(N+1)).
 */
export async function renderRevisionPreview(
  prisma: PrismaClient,
  proposalId: number,
  number: number,
): Promise<PreviewResult> {
  const revision = await prisma.revision.findUnique({
    where: { proposalId_number: { proposalId, number } },
    include: { author: true, artifacts: true },
  });
  if (!revision) return { kind: 'not-found', what: `Revision ${number} of proposal ${proposalId}` };
  if (!revision.valid) {
    return { kind: 'invalid', diagnostics: revision.diagnostics as Diagnostic[] };
  }
  const baseline = await prisma.release.findFirstOrThrow({ orderBy: { number: 'desc' } });
  const version = baseline.number + 1;
  const cached = revision.artifacts[0];
  if (cached && cached.version === `v${version}`) {
    return { kind: 'ok', baseRelease: baseline.number, series: toStoredSeries(cached) };
  }

  let series: Series;
  try {
    series = renderSeries({
      grouping: revision.grouping as Grouping,
      ...(baseline.number > 0 ? { previous: baseline.grouping as Grouping } : {}),
      version,
      release: version,
      author: seriesAuthor(revision.author),
      date: revision.createdAt.toISOString(),
    });
  } catch (error) {
    // The revision passed the validator when it was written; a renderer that still
    // refuses it says why in the same diagnostics format.
    if (error instanceof RenderError) {
      return {
        kind: 'invalid',
        diagnostics:
          error.diagnostics.length > 0
            ? error.diagnostics
            : [{ severity: 'error', code: error.code, message: error.message, path: '' }],
      };
    }
    throw error;
  }
  const stored = newStoredSeries({
    version: `v${series.version}`,
    files: series.files,
    mbox: series.mbox,
    tarGz: seriesTarGz(series),
  });
  await storeArtifact(prisma, { kind: 'preview', revisionId: revision.id }, stored);
  return { kind: 'ok', baseRelease: baseline.number, series: stored };
}
