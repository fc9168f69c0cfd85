import { ValidateBodySchema } from '@dust/contract';
import { type GroupingSchema, ValidationReportSchema, validateGrouping } from '@dust/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { getBaseline } from '../../domain/get-baseline';
import { asGrouping } from '../../lib/present';
import { notFound } from '../../lib/problem';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/validate',
    {
      schema: {
        tags: ['groupings'],
        summary: 'Validate a grouping (and its compatibility with a baseline)',
        body: ValidateBodySchema,
        response: { 200: ValidationReportSchema },
      },
    },
    async (request) => {
      const { grouping, baseline } = request.body;
      let base: z.infer<typeof GroupingSchema> | undefined;
      if (baseline === 'current') base = (await getBaseline(app.prisma)).grouping;
      else if (typeof baseline === 'number') {
        const release = await app.prisma.release.findUnique({ where: { number: baseline } });
        if (!release) throw notFound(`Release ${baseline}`);
        base = asGrouping(release.grouping);
      } else base = baseline;
      const { valid, diagnostics } = validateGrouping(grouping, base ? { baseline: base } : {});
      return { valid, diagnostics };
    },
  );
};

export default routes;
