import { BaselineSchema } from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getBaseline } from '../../domain/get-baseline';
import { renderJson, sendCachedJson } from '../../lib/read-cache';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/baseline',
    {
      schema: {
        tags: ['releases'],
        summary: 'The current baseline: the latest release and its grouping (ETag, 304)',
        response: { 200: BaselineSchema },
      },
    },
    async (request, reply) => {
      // Served from the read cache until the next committed write (lib/read-cache.ts).
      const entry = await app.readCache.get('baseline', async () => {
        const { release, grouping } = await getBaseline(app.prisma);
        const body = renderJson(BaselineSchema, { release: release.number, grouping });
        return { body, meta: undefined };
      });
      return sendCachedJson(request, reply, entry);
    },
  );
};

export default routes;
