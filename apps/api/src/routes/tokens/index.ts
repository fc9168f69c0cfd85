import {
  CreatedTokenSchema,
  CreateTokenBodySchema,
  IdParamsSchema,
  TokenSchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiToken } from '../../domain/create-api-token';
import { revokeApiToken } from '../../domain/revoke-api-token';
import { presentToken } from '../../lib/present';
import { currentUser } from '../../plugins/app/auth';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/tokens',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['accounts'],
        summary: 'Your API tokens',
        security: WRITE_SECURITY,
        response: { 200: z.array(TokenSchema) },
      },
    },
    async (request) => {
      const tokens = await app.prisma.apiToken.findMany({
        where: { userId: currentUser(request).id },
        orderBy: { id: 'asc' },
      });
      return tokens.map(presentToken);
    },
  );

  app.post(
    '/api/tokens',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for yourself (shown once)',
        security: WRITE_SECURITY,
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema },
      },
    },
    async (request, reply) => {
      const { row, token } = await createApiToken(
        app.prisma,
        currentUser(request).id,
        request.body.name,
      );
      return reply.code(201).send({ ...presentToken(row), token });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['accounts'],
        summary: 'Revoke one of your API tokens',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeApiToken(app.prisma, currentUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
