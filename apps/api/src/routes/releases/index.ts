// Releases: the baselines approvals created, their build status, and their patch
// series (rendered once, stored, served with strong ETags and long-lived caching:
// a release never changes).
import {
  PageQuerySchema,
  ProblemSchema,
  pageOf,
  ReleaseDetailSchema,
  ReleaseFileParamsSchema,
  ReleaseParamsSchema,
  ReleaseSummarySchema,
} from '@dust/contract';
import { RenderError } from '@dust/kernel';
import type { Grouping } from '@dust/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { POSTING_SELECT, presentMail } from '../../domain/mail/present-mail';
import { describeBuild } from '../../domain/releases/describe-build';
import {
  listReleases,
  RELEASE_INCLUDE,
  summarizeRelease,
} from '../../domain/releases/list-releases';
import { renderReleaseSeries } from '../../domain/releases/render-release-series';
import { SeriesCache } from '../../domain/releases/series-cache';
import { type StoredSeries, toStoredSeries } from '../../domain/releases/stored-series';
import { setLinkHeader } from '../../lib/paginate';
import { notFound, ProblemError } from '../../lib/problem';
import { registerSeriesDownloads } from './series-downloads';
import { seriesLinks } from './series-links';

const DOWNLOAD_DESCRIPTION =
  'Immutable: strong ETag, Cache-Control immutable; If-None-Match gives 304. 404 for release 0, which has no series.';

function noSeries(k: number): ProblemError {
  return new ProblemError(
    404,
    'Not Found',
    `Release ${k} is the empty baseline (strict mode only, no flags): there is no patch series for it. The first approval creates release 1, the first series.`,
    { type: 'no-series' },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const cache = new SeriesCache();

  async function storedSeries(releaseId: number): Promise<StoredSeries | null> {
    const artifact = await app.prisma.releaseArtifact.findUnique({ where: { releaseId } });
    return artifact ? toStoredSeries(artifact) : null;
  }

  async function seriesOf(k: number): Promise<StoredSeries> {
    const cached = cache.get(String(k));
    if (cached) return cached;
    const result = await renderReleaseSeries(app.prisma, k).catch((error: unknown) => {
      // Releases approved before the approval rendered them: say why, never a 500.
      if (!(error instanceof RenderError)) throw error;
      throw new ProblemError(
        409,
        'Conflict',
        `The patch series of release ${k} cannot be rendered: ${error.message}`,
        { type: 'series-unrenderable' },
      );
    });
    if (result.kind === 'not-found') throw notFound(`Release ${k}`);
    if (result.kind === 'no-series') throw noSeries(k);
    cache.set(String(k), result.series);
    return result.series;
  }

  app.get(
    '/api/releases',
    {
      schema: {
        tags: ['releases'],
        summary: 'Releases, newest first (cursor pagination with Link headers)',
        description: 'The cursor is a release number: the page lists the releases below it.',
        querystring: PageQuerySchema,
        response: { 200: pageOf(ReleaseSummarySchema), 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { limit, cursor } = request.query;
      const page = await listReleases(app.prisma, { limit, before: cursor });
      setLinkHeader(request, reply, page.nextCursor);
      return page;
    },
  );

  app.get(
    '/api/releases/:k',
    {
      schema: {
        tags: ['releases'],
        summary: 'One release: grouping, series downloads, build status with stage times and log',
        params: ReleaseParamsSchema,
        response: { 200: ReleaseDetailSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { k } = request.params;
      const release = await app.prisma.release.findUnique({
        where: { number: k },
        include: RELEASE_INCLUDE,
      });
      if (!release) throw notFound(`Release ${k}`);
      // The summary never renders: it links the stored series (the approval
      // stored it), and says null while there is none, so a series that cannot
      // be rendered never takes the release's page down with it.
      const series = k === 0 ? null : (cache.get(String(k)) ?? (await storedSeries(release.id)));
      const job = release.buildJobs[0];
      const posting = await app.prisma.mailPosting.findUnique({
        where: { releaseId: release.id },
        select: POSTING_SELECT,
      });
      return {
        ...summarizeRelease(release),
        grouping: release.grouping as Grouping,
        trailers: release.trailers as string[],
        series: series ? seriesLinks(`/api/releases/${k}`, series) : null,
        build: job ? describeBuild(job) : null,
        mail: presentMail(posting),
      };
    },
  );

  registerSeriesDownloads(app, {
    prefix: '/api/releases/:k',
    params: ReleaseParamsSchema,
    fileParams: ReleaseFileParamsSchema,
    summaries: {
      mbox: "The release's patch series as one mbox (git am takes it)",
      tarGz: "The release's numbered .patch files as a gzipped tarball",
      patch: "One patch of the release's series (names as listed in GET /api/releases/:k)",
    },
    description: DOWNLOAD_DESCRIPTION,
    immutable: true,
    load: async ({ k }) => {
      const series = await seriesOf(k);
      return {
        series,
        stem: `dust-release-${k}-${series.version}`,
        etag: series.etag,
        what: `release ${k}`,
      };
    },
  });
};

export default routes;
