// OpenAPI document generated from the routes' zod schemas: /openapi.json and a UI at /docs.

import { ProblemSchema } from '@dust/contract';
import { SESSION_COOKIE } from '@dust/contract/http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Dust API',
          description:
            'Review service for SECCOMP flags-mode groupings. Errors are application/problem+json. Reads are public; writes need `Authorization: Bearer <token>` or a session cookie plus `x-csrf-token`.',
          version: '0.1.0',
        },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer' },
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    // Document the error shape on every route. The error handler sends problems
    // with its own serializer, so these schemas never change a response.
    app.addHook('onRoute', (route) => {
      if (!route.schema || route.schema.hide) return;
      route.schema.response = {
        ...(route.schema.response as object | undefined),
        '4xx': ProblemSchema,
        '5xx': ProblemSchema,
      };
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
