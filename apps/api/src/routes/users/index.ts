import {
  CreatedUserSchema,
  CreateUserBodySchema,
  UserNameParamsSchema,
  UserSchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createUser } from '../../domain/create-user';
import { presentUser } from '../../lib/present';
import { notFound } from '../../lib/problem';
import { currentUser } from '../../plugins/app/auth';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/users',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (admin); returns its first API token',
        security: WRITE_SECURITY,
        body: CreateUserBodySchema,
        response: { 201: CreatedUserSchema },
      },
    },
    async (request, reply) => {
      const { user, token } = await createUser(app.prisma, currentUser(request).id, request.body);
      return reply.code(201).send({ id: user.id, name: user.name, role: user.role, token });
    },
  );

  app.get(
    '/api/users/:name',
    {
      schema: {
        tags: ['accounts'],
        summary: 'An account, by name',
        params: UserNameParamsSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const user = await app.prisma.user.findUnique({ where: { name: request.params.name } });
      if (!user) throw notFound(`User "${request.params.name}"`);
      return presentUser(user);
    },
  );
};

export default routes;
