// Preview series: what a valid revision would become if approved now, rendered
// against the current baseline on demand and cached. Previews change when the
// baseline moves, so caches revalidate (ETag) instead of keeping them.
import {
  PreviewFileParamsSchema,
  PreviewParamsSchema,
  PreviewSchema,
  ProblemSchema,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { renderRevisionPreview } from '../../domain/releases/render-revision-preview';
import { SeriesCache } from '../../domain/releases/series-cache';
import type { StoredSeries } from '../../domain/releases/stored-series';
import { notFound, ProblemError } from '../../lib/problem';
import { registerSeriesDownloads } from '../releases/series-downloads';
import { seriesLinks } from '../releases/series-links';

const routes: FastifyPluginAsyncZod = async (app) => {
  const cache = new SeriesCache();

  async function previewOf(
    proposalId: number,
    n: number,
  ): Promise<{ baseRelease: number; series: StoredSeries }> {
    // Revisions are immutable, so (revision, baseline) names one rendering.
    const baseline = await app.prisma.release.findFirstOrThrow({
      orderBy: { number: 'desc' },
      select: { number: true },
    });
    const cached = cache.get(`${proposalId}/${n}@${baseline.number}`);
    if (cached) return { baseRelease: baseline.number, series: cached };
    const result = await renderRevisionPreview(app.prisma, proposalId, n);
    if (result.kind === 'not-found') throw notFound(result.what);
    if (result.kind === 'invalid') {
      throw new ProblemError(
        422,
        'Unprocessable Content',
        `Revision ${n} of proposal ${proposalId} is not valid against the baseline, so it has no patch series; fix the errors in a new revision.`,
        { type: 'invalid-revision', diagnostics: result.diagnostics },
      );
    }
    cache.set(`${proposalId}/${n}@${result.baseRelease}`, result.series);
    return result;
  }
  const base = (id: number, n: number) => `/api/proposals/${id}/revisions/${n}/preview`;

  app.get(
    '/api/proposals/:id/revisions/:n/preview',
    {
      schema: {
        tags: ['releases'],
        summary: 'Preview of the patch series a revision would become (files and download links)',
        params: PreviewParamsSchema,
        response: {
          200: PreviewSchema,
          400: ProblemSchema,
          404: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { id, n } = request.params;
      const { baseRelease, series } = await previewOf(id, n);
      return { proposal: id, revision: n, baseRelease, ...seriesLinks(base(id, n), series) };
    },
  );

  registerSeriesDownloads(app, {
    prefix: '/api/proposals/:id/revisions/:n/preview',
    params: PreviewParamsSchema,
    fileParams: PreviewFileParamsSchema,
    summaries: {
      mbox: 'Preview series as one mbox',
      tarGz: 'Preview series as a gzipped tarball of .patch files',
      patch: 'One patch of the preview series',
    },
    immutable: false,
    load: async ({ id, n }) => {
      const { baseRelease, series } = await previewOf(id, n);
      return {
        series,
        stem: `dust-proposal-${id}-r${n}-preview-${series.version}`,
        // The same revision renders differently on another baseline.
        etag: `${series.etag}-b${baseRelease}`,
        what: `the preview of revision ${n}`,
      };
    },
  });
};

export default routes;
