// Posting a revision to the list for review before approval (docs/design.md, "Mail").
import {
  MailStatusSchema,
  ProblemSchema,
  RevisionParamsSchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { postRevision } from '../../domain/mail/post-revision';
import { currentUser } from '../../plugins/app/auth';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/proposals/:id/revisions/:n/post',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['mail'],
        summary: 'Send the revision to the list as [RFC PATCH vN …] (author or maintainer; once)',
        description:
          'Queues its preview (the series it would become if approved now) in the outbox; 202 with the posting’s state. 409 already-posted, mail-off or proposal-not-open; 422 for an invalid revision.',
        security: WRITE_SECURITY,
        params: RevisionParamsSchema,
        response: {
          202: MailStatusSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const mail = await postRevision(
        app.prisma,
        currentUser(request),
        app.config.mail,
        request.params.id,
        request.params.n,
      );
      app.mailWorker?.wake();
      return reply.code(202).send(mail);
    },
  );
};

export default routes;
