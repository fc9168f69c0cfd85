import { EventSchema, ListEventsQuerySchema, pageOf } from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listEvents } from '../../domain/list-events';
import { setLinkHeader } from '../../lib/paginate';
import { iso, userRef } from '../../lib/present';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary:
          'The append-only audit log, oldest first or with order=desc newest first (cursor pagination, Link header)',
        querystring: ListEventsQuerySchema,
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
