import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEvents } from '../../domain/list-events';
import { setLinkHeader } from '../../lib/paginate';
import { iso, userRef } from '../../lib/present';
import { PageQuerySchema, pageOf, TimestampSchema, UserRefSchema } from '../../schemas/common';
import { EventFilterSchema } from '../../schemas/events';

const EventSchema = z.object({
  id: z.number().int(),
  type: z
    .string()
    .describe(
      'e.g. proposal.created, revision.created, review.created, release.created, build.finished',
    ),
  actor: UserRefSchema.nullable(),
  proposalId: z.number().int().nullable(),
  revisionId: z.number().int().nullable(),
  releaseId: z
    .number()
    .int()
    .nullable()
    .describe('Database id of the release; data.release has its number.'),
  data: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary:
          'The append-only audit log, oldest first or with order=desc newest first (cursor pagination, Link header)',
        querystring: PageQuerySchema.extend({
          ...EventFilterSchema.shape,
          limit: z.coerce.number().int().min(1).max(500).default(50),
          order: z
            .enum(['asc', 'desc'])
            .default('asc')
            .describe('asc: oldest first (poll with the cursor); desc: newest first.'),
        }),
        response: { 200: pageOf(EventSchema) },
      },
    },
    async (request, reply) => {
      const page = await listEvents(app.prisma, request.query);
      setLinkHeader(request, reply, page.nextCursor);
      return {
        items: page.items.map((e) => ({
          id: e.id,
          type: e.type,
          actor: e.actor ? userRef(e.actor) : null,
          proposalId: e.proposalId,
          revisionId: e.revisionId,
          releaseId: e.releaseId,
          data: e.data as Record<string, unknown>,
          createdAt: iso(e.createdAt),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
};

export default routes;
