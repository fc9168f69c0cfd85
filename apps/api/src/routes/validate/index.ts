import { GroupingSchema, ValidationReportSchema, validateGrouping } from '@dust/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getBaseline } from '../../domain/get-baseline';
import { asGrouping } from '../../lib/present';
import { notFound } from '../../lib/problem';
import { INT4_MAX } from '../../schemas/common';

const ValidateBodySchema = z.strictObject({
  grouping: z
    .unknown()
    .describe('A grouping document (dust.grouping/v1); anything is accepted and diagnosed.'),
  baseline: z
    .union([z.literal('current'), z.number().int().min(0).max(INT4_MAX), GroupingSchema])
    .optional()
    .describe(
      'Also check compatibility against: "current" (the baseline), a release number, or a grouping.',
    ),
});

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
