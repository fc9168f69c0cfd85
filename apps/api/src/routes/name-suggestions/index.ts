import {
  CreateNameSuggestionBodySchema,
  IdParamsSchema,
  NameSuggestionSchema,
  RevisionSchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adoptNameSuggestion } from '../../domain/adopt-name-suggestion';
import { findProposal } from '../../domain/find-proposal';
import { suggestionInclude, suggestName } from '../../domain/suggest-name';
import { unvoteNameSuggestion, voteNameSuggestion } from '../../domain/vote-name-suggestion';
import { presentNameSuggestion } from '../../lib/present-debate';
import { presentRevision } from '../../lib/present-proposal';
import { currentUser } from '../../plugins/app/auth';

const tags = ['debate'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/proposals/:id/name-suggestions',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Suggest another name for a flag of the latest revision',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        body: CreateNameSuggestionBodySchema,
        response: { 201: NameSuggestionSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const suggestion = await suggestName(app.prisma, user.id, request.params.id, request.body);
      return reply.code(201).send(presentNameSuggestion(suggestion, user.id));
    },
  );

  app.get(
    '/api/proposals/:id/name-suggestions',
    {
      schema: {
        tags,
        summary: 'Name suggestions with their votes',
        params: IdParamsSchema,
        response: { 200: z.array(NameSuggestionSchema) },
      },
    },
    async (request) => {
      await findProposal(app.prisma, request.params.id);
      const rows = await app.prisma.nameSuggestion.findMany({
        where: { proposalId: request.params.id },
        include: suggestionInclude,
        orderBy: { id: 'asc' },
      });
      return rows.map((s) => presentNameSuggestion(s, request.user?.id ?? null));
    },
  );

  app.post(
    '/api/name-suggestions/:id/votes',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Vote for a name suggestion (once per user; 409 when already voted)',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        response: { 201: NameSuggestionSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const suggestion = await voteNameSuggestion(app.prisma, user.id, request.params.id);
      return reply.code(201).send(presentNameSuggestion(suggestion, user.id));
    },
  );

  app.delete(
    '/api/name-suggestions/:id/votes',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Take your vote back',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        response: { 200: NameSuggestionSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return presentNameSuggestion(
        await unvoteNameSuggestion(app.prisma, user.id, request.params.id),
        user.id,
      );
    },
  );

  app.post(
    '/api/name-suggestions/:id/adopt',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: "Adopt a suggestion into a new revision (the proposal's author)",
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        response: { 201: RevisionSchema },
      },
    },
    async (request, reply) => {
      const revision = await adoptNameSuggestion(
        app.prisma,
        currentUser(request),
        request.params.id,
      );
      return reply.code(201).send(presentRevision(revision));
    },
  );
};

export default routes;
