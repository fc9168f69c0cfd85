// The three downloads of a stored patch series — series.mbox, series.tar.gz and
// patches/:file — registered once for releases and for revision previews, which
// differ only in where the series comes from, its names and whether it can change.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { StoredSeries } from '../../domain/releases/stored-series';
import { notFound } from '../../lib/problem';
import { CONTENT_TYPES, sendDownload } from './send-download';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export interface SeriesDownload {
  series: StoredSeries;
  /** File name of the mbox and the tarball without the extension: `dust-release-3-v3`. */
  stem: string;
  /** Strong validator of this rendering; each download appends its own suffix. */
  etag: string;
  /** What a missing patch is missing from, for the 404: `release 3`. */
  what: string;
}

export interface SeriesDownloadRoutes<
  P extends z.ZodType,
  F extends z.ZodType<z.output<P> & { file: string }>,
> {
  /** The series' URL (`/api/releases/:k`); the downloads are below it. */
  prefix: string;
  params: P;
  fileParams: F;
  summaries: { mbox: string; tarGz: string; patch: string };
  description?: string;
  /** Release downloads never change; previews change when the baseline moves. */
  immutable: boolean;
  load: (params: z.output<P>) => Promise<SeriesDownload>;
}

export function registerSeriesDownloads<
  P extends z.ZodType,
  F extends z.ZodType<z.output<P> & { file: string }>,
>(app: ZodApp, spec: SeriesDownloadRoutes<P, F>): void {
  const { immutable } = spec;
  // Fastify validated the params against these schemas; the type provider just cannot
  // resolve a schema that is a type parameter, so it is named here.
  const paramsOf = (params: unknown) => params as z.output<P>;
  const fileParamsOf = (params: unknown) => params as z.output<P> & { file: string };
  const schema = (summary: string, produces: string) => ({
    tags: ['releases'],
    summary,
    ...(spec.description ? { description: spec.description } : {}),
    produces: [produces],
  });

  app.get(
    `${spec.prefix}/series.mbox`,
    { schema: { ...schema(spec.summaries.mbox, CONTENT_TYPES.mbox), params: spec.params } },
    async (request, reply) => {
      const { series, stem, etag } = await spec.load(paramsOf(request.params));
      return sendDownload(request, reply, {
        body: series.mbox,
        contentType: CONTENT_TYPES.mbox,
        filename: `${stem}.mbox`,
        etag: `${etag}-mbox`,
        immutable,
      });
    },
  );

  app.get(
    `${spec.prefix}/series.tar.gz`,
    { schema: { ...schema(spec.summaries.tarGz, CONTENT_TYPES.tarGz), params: spec.params } },
    async (request, reply) => {
      const { series, stem, etag } = await spec.load(paramsOf(request.params));
      return sendDownload(request, reply, {
        body: series.tarGz,
        contentType: CONTENT_TYPES.tarGz,
        filename: `${stem}.tar.gz`,
        etag: `${etag}-tgz`,
        immutable,
      });
    },
  );

  app.get(
    `${spec.prefix}/patches/:file`,
    { schema: { ...schema(spec.summaries.patch, CONTENT_TYPES.patch), params: spec.fileParams } },
    async (request, reply) => {
      const params = fileParamsOf(request.params);
      const { series, etag, what } = await spec.load(params);
      const index = series.files.findIndex((f) => f.name === params.file);
      const patch = series.files[index];
      if (!patch) throw notFound(`Patch "${params.file}" in ${what}`);
      return sendDownload(request, reply, {
        body: patch.content,
        contentType: CONTENT_TYPES.patch,
        filename: patch.name,
        etag: `${etag}-p${index}`,
        immutable,
      });
    },
  );
}
