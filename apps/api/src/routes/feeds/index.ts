// Atom feeds (RFC 4287) of the event log, of one proposal's activity and of
// releases, for feed readers (docs/design.md, "Feeds").

import { FeedLimitQuerySchema, FeedQuerySchema, IdParamsSchema } from '@dust/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildEventFeed } from '../../domain/feeds/build-event-feed';
import { buildReleaseFeed } from '../../domain/feeds/build-release-feed';
import { findProposal } from '../../domain/find-proposal';
import { ATOM_CONTENT_TYPE, renderAtom } from '../../lib/atom';

const tags = ['feeds'];
const produces = [ATOM_CONTENT_TYPE];

const routes: FastifyPluginAsyncZod = async (app) => {
  // Links must be absolute: the configured public origin, else the one this request reached.
  const baseOf = (request: FastifyRequest) =>
    app.config.publicUrl ?? `${request.protocol}://${request.host}`;

  app.get(
    '/api/events.atom',
    {
      schema: {
        tags,
        summary: 'The event log as an Atom feed, newest first (the filters of /api/events)',
        description: 'Account housekeeping (tokens, sessions, users) is left out.',
        querystring: FeedQuerySchema,
        produces,
      },
    },
    async (request, reply) => {
      const feed = await buildEventFeed(app.prisma, baseOf(request), request.query, {
        title: 'Dust: activity',
        selfPath: request.url,
        pagePath: '/',
      });
      return reply.type(ATOM_CONTENT_TYPE).send(renderAtom(feed));
    },
  );

  app.get(
    '/api/proposals/:id/events.atom',
    {
      schema: {
        tags,
        summary: "One proposal's activity as an Atom feed, newest first",
        params: IdParamsSchema,
        querystring: FeedLimitQuerySchema,
        description: '404 problem when there is no such proposal.',
        produces,
      },
    },
    async (request, reply) => {
      const proposal = await findProposal(app.prisma, request.params.id);
      const feed = await buildEventFeed(
        app.prisma,
        baseOf(request),
        { proposal: proposal.id, limit: request.query.limit },
        {
          title: `Dust: proposal #${proposal.id}: ${proposal.title}`,
          selfPath: `/api/proposals/${proposal.id}/events.atom`,
          pagePath: `/proposals/${proposal.id}`,
        },
      );
      return reply.type(ATOM_CONTENT_TYPE).send(renderAtom(feed));
    },
  );

  app.get(
    '/api/releases.atom',
    {
      schema: {
        tags,
        summary: 'Releases as an Atom feed, newest first; each entry encloses its mbox',
        querystring: FeedLimitQuerySchema,
        produces,
      },
    },
    async (request, reply) => {
      const feed = await buildReleaseFeed(app.prisma, baseOf(request), request.query.limit);
      return reply.type(ATOM_CONTENT_TYPE).send(renderAtom(feed));
    },
  );
};

export default routes;
