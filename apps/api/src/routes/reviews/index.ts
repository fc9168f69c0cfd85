import {
  CreateReviewBodySchema,
  IdParamsSchema,
  ReviewSchema,
  RevisionParamsSchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addReview } from '../../domain/add-review';
import { listReviews } from '../../domain/list-reviews';
import { resolveReview } from '../../domain/resolve-review';
import { presentReview } from '../../lib/present-debate';
import { currentUser } from '../../plugins/app/auth';

const tags = ['debate'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/proposals/:id/revisions/:n/reviews',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary:
          'Review a revision: ack, nak, or concern (a concern blocks approval until resolved)',
        security: WRITE_SECURITY,
        params: RevisionParamsSchema,
        body: CreateReviewBodySchema,
        response: { 201: ReviewSchema },
      },
    },
    async (request, reply) => {
      const { id, n } = request.params;
      const review = await addReview(app.prisma, currentUser(request).id, id, n, request.body);
      return reply.code(201).send(presentReview(review));
    },
  );

  app.get(
    '/api/proposals/:id/revisions/:n/reviews',
    {
      schema: {
        tags,
        summary: 'Reviews of one revision',
        params: RevisionParamsSchema,
        response: { 200: z.array(ReviewSchema) },
      },
    },
    async (request) =>
      (await listReviews(app.prisma, request.params.id, request.params.n)).map(presentReview),
  );

  app.get(
    '/api/proposals/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Reviews of every revision',
        params: IdParamsSchema,
        response: { 200: z.array(ReviewSchema) },
      },
    },
    async (request) => (await listReviews(app.prisma, request.params.id)).map(presentReview),
  );

  app.post(
    '/api/reviews/:id/resolve',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Resolve your concern',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        response: { 200: ReviewSchema },
      },
    },
    async (request) =>
      presentReview(
        await resolveReview(
          app.prisma,
          currentUser(request).id,
          request.params.id,
          currentUser(request).role,
        ),
      ),
  );
};

export default routes;
