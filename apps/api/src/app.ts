// The Dust API as a Fastify plugin: it never listens (server.ts does). Order:
// external plugins (schemas, security headers, cookies, rate limits, OpenAPI),
// then the app's own (errors, database, auth, bootstrap), then the routes,
// one routes/<resource>/index.ts per resource.
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config';
import { loggerOptions } from './lib/logger-options';
import auth from './plugins/app/auth';
import bootstrap from './plugins/app/bootstrap';
import database from './plugins/app/database';
import errors, { sendProblem } from './plugins/app/errors';
import jsonBody from './plugins/app/json-body';
import storableText from './plugins/app/storable-text';
import cookie from './plugins/external/cookie';
import helmet from './plugins/external/helmet';
import rateLimit from './plugins/external/rate-limit';
import swagger from './plugins/external/swagger';
import zod from './plugins/external/zod';
import authRoutes from './routes/auth';
import baselineRoutes from './routes/baseline';
import commentsRoutes from './routes/comments';
import eventsRoutes from './routes/events';
import feedsRoutes from './routes/feeds';
import githubRoutes from './routes/github';
import healthRoutes from './routes/health';
import mailRoutes from './routes/mail';
import meRoutes from './routes/me';
import nameSuggestionsRoutes from './routes/name-suggestions';
import postingsRoutes from './routes/postings';
import previewsRoutes from './routes/previews';
import proposalsRoutes from './routes/proposals';
import releasesRoutes from './routes/releases';
import reviewsRoutes from './routes/reviews';
import revisionsRoutes from './routes/revisions';
import sessionRoutes from './routes/session';
import syscallsRoutes from './routes/syscalls';
import tokensRoutes from './routes/tokens';
import usersRoutes from './routes/users';
import validateRoutes from './routes/validate';
import fcpWorker from './worker/fcp/plugin';
import mailWorker from './worker/mail/plugin';
import buildWorker from './worker/plugin';

export type { Config };

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

export const app: FastifyPluginAsync<{ config: Config }> = async (fastify, { config }) => {
  fastify.decorate('config', config);

  await fastify.register(zod);
  await fastify.register(helmet);
  await fastify.register(cookie);
  await fastify.register(rateLimit, { config });
  await fastify.register(swagger);

  await fastify.register(errors);
  await fastify.register(jsonBody);
  await fastify.register(storableText);
  await fastify.register(database, { config });
  await fastify.register(auth);
  await fastify.register(bootstrap, { config });
  // The build worker (DUST_BUILD_WORKER): claims queued jobs, runs the kernel test.
  await fastify.register(buildWorker, { config });
  // The mail worker (mail on and DUST_MAIL_WORKER): outbox, notifications, lore.
  await fastify.register(mailWorker, { config });
  // Final comment periods that ran out get their disposition (with the build worker).
  await fastify.register(fcpWorker, { config });

  // One line per resource: routes/<resource>/index.ts.
  await fastify.register(authRoutes);
  await fastify.register(baselineRoutes);
  await fastify.register(githubRoutes);
  await fastify.register(commentsRoutes);
  await fastify.register(eventsRoutes);
  await fastify.register(feedsRoutes);
  await fastify.register(healthRoutes);
  await fastify.register(mailRoutes);
  await fastify.register(meRoutes);
  await fastify.register(nameSuggestionsRoutes);
  await fastify.register(postingsRoutes);
  await fastify.register(previewsRoutes);
  await fastify.register(proposalsRoutes);
  await fastify.register(releasesRoutes);
  await fastify.register(reviewsRoutes);
  await fastify.register(revisionsRoutes);
  await fastify.register(sessionRoutes);
  await fastify.register(syscallsRoutes);
  await fastify.register(tokensRoutes);
  await fastify.register(usersRoutes);
  await fastify.register(validateRoutes);
};

export default app;

/** A ready Fastify instance with the whole API on the configured database; call `listen` or `inject`. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: loggerOptions(config),
    bodyLimit: config.bodyLimit,
    // A hop count trusts the n nearest proxies (Fastify's own types lack the number form).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    requestTimeout: 30_000,
    // Opening PGlite and applying migrations can take seconds on a busy machine.
    pluginTimeout: 120_000,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (a badly encoded URL) bypass the error handler.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(reply, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: error.message,
      }),
  });
  try {
    // fp: the app's decorators (prisma, config, …) stay visible on the returned instance.
    await fastify.register(fp(app), { config });
    await fastify.ready();
  } catch (err) {
    await fastify.close().catch(() => {});
    throw err;
  }
  return fastify;
}
