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
import { CONTENT_TYPES, sendDownload } from '../releases/send-download';
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

  app.get(
    '/api/proposals/:id/revisions/:n/preview/series.mbox',
    {
      schema: {
        tags: ['releases'],
        summary: 'Preview series as one mbox',
        params: PreviewParamsSchema,
        produces: [CONTENT_TYPES.mbox],
      },
    },
    async (request, reply) => {
      const { id, n } = request.params;
      const { baseRelease, series } = await previewOf(id, n);
      return sendDownload(request, reply, {
        body: series.mbox,
        contentType: CONTENT_TYPES.mbox,
        filename: `dust-proposal-${id}-r${n}-preview-${series.version}.mbox`,
        etag: `${series.etag}-b${baseRelease}-mbox`,
        immutable: false,
      });
    },
  );

  app.get(
    '/api/proposals/:id/revisions/:n/preview/series.tar.gz',
    {
      schema: {
        tags: ['releases'],
        summary: 'Preview series as a gzipped tarball of .patch files',
        params: PreviewParamsSchema,
        produces: [CONTENT_TYPES.tarGz],
      },
    },
    async (request, reply) => {
      const { id, n } = request.params;
      const { baseRelease, series } = await previewOf(id, n);
      return sendDownload(request, reply, {
        body: series.tarGz,
        contentType: CONTENT_TYPES.tarGz,
        filename: `dust-proposal-${id}-r${n}-preview-${series.version}.tar.gz`,
        etag: `${series.etag}-b${baseRelease}-tgz`,
        immutable: false,
      });
    },
  );

  app.get(
    '/api/proposals/:id/revisions/:n/preview/patches/:file',
    {
      schema: {
        tags: ['releases'],
        summary: 'One patch of the preview series',
        params: PreviewFileParamsSchema,
        produces: [CONTENT_TYPES.patch],
      },
    },
    async (request, reply) => {
      const { id, n, file } = request.params;
      const { baseRelease, series } = await previewOf(id, n);
      const index = series.files.findIndex((f) => f.name === file);
      const patch = series.files[index];
      if (!patch) throw notFound(`Patch "${file}" in the preview of revision ${n}`);
      return sendDownload(request, reply, {
        body: patch.content,
        contentType: CONTENT_TYPES.patch,
        filename: patch.name,
        etag: `${series.etag}-b${baseRelease}-p${index}`,
        immutable: false,
      });
    },
  );
};

export default routes;
