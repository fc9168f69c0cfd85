import {
  CommentSchema,
  CreateCommentBodySchema,
  IdParamsSchema,
  ListCommentsQuerySchema,
  pageOf,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addComment } from '../../domain/add-comment';
import { listComments } from '../../domain/list-comments';
import { setLinkHeader } from '../../lib/paginate';
import { presentComment } from '../../lib/present-debate';
import { currentUser } from '../../plugins/app/auth';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/proposals/:id/comments',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['debate'],
        summary: 'Comment (markdown) on a proposal, optionally on a revision, flag or syscall',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        body: CreateCommentBodySchema,
        response: { 201: CommentSchema },
      },
    },
    async (request, reply) => {
      const comment = await addComment(
        app.prisma,
        currentUser(request).id,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(presentComment(comment));
    },
  );

  app.get(
    '/api/proposals/:id/comments',
    {
      schema: {
        tags: ['debate'],
        summary: 'Comments, oldest first (cursor pagination, Link header)',
        params: IdParamsSchema,
        querystring: ListCommentsQuerySchema,
        response: { 200: pageOf(CommentSchema) },
      },
    },
    async (request, reply) => {
      const page = await listComments(app.prisma, request.params.id, request.query);
      setLinkHeader(request, reply, page.nextCursor);
      return { items: page.items.map(presentComment), nextCursor: page.nextCursor };
    },
  );
};

export default routes;
