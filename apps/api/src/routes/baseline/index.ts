import { GroupingSchema } from '@dust/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getBaseline } from '../../domain/get-baseline';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/baseline',
    {
      schema: {
        tags: ['releases'],
        summary: 'The current baseline: the latest release and its grouping',
        response: { 200: z.object({ release: z.number().int(), grouping: GroupingSchema }) },
      },
    },
    async () => {
      const { release, grouping } = await getBaseline(app.prisma);
      return { release: release.number, grouping };
    },
  );
};

export default routes;
