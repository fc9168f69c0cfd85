// Cookie sessions for the web: POST /api/session (password login),
// DELETE /api/session, GET /api/me. See README "Authentication and CSRF".
import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  MeSchema,
  WRITE_SECURITY,
} from '@dust/contract';
import { CSRF_COOKIE, SESSION_COOKIE } from '@dust/contract/http';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from '../../domain/change-password';
import { SESSION_TTL_MS, signIn } from '../../domain/sign-in';
import { signOut } from '../../domain/sign-out';
import { currentUser } from '../../plugins/app/auth';

const routes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = {
    path: '/',
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
    maxAge: SESSION_TTL_MS / 1000,
  };
  const clearCookies = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });

  app.post(
    '/api/session',
    {
      config: { rateLimit: { max: app.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['accounts'],
        summary: 'Password login: sets the dust_session (HttpOnly) and dust_csrf cookies',
        body: LoginBodySchema,
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      const session = await signIn(app.prisma, request.body.name, request.body.password);
      reply
        .setCookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions, httpOnly: true })
        .setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieOptions, httpOnly: false });
      const { id, name, role } = session.user;
      return { id, name, role, auth: 'session' as const, csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/api/session',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['accounts'],
        summary: 'Log out: ends the cookie session',
        security: [{ session: [] }],
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const method = request.authMethod;
      if (method?.kind === 'session')
        await signOut(app.prisma, currentUser(request).id, method.sessionId);
      clearCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['accounts'],
        summary: 'Who you are, and the CSRF token of your cookie session',
        security: WRITE_SECURITY,
        response: { 200: MeSchema },
      },
    },
    async (request) => {
      const { id, name, role } = currentUser(request);
      const method = request.authMethod;
      return method?.kind === 'session'
        ? { id, name, role, auth: 'session' as const, csrfToken: method.csrfToken }
        : { id, name, role, auth: 'token' as const, csrfToken: null };
    },
  );

  app.put(
    '/api/me/password',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['accounts'],
        summary: 'Set or change your password (ends your other sessions)',
        security: WRITE_SECURITY,
        body: ChangePasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const method = request.authMethod;
      await changePassword(
        app.prisma,
        currentUser(request).id,
        request.body.currentPassword,
        request.body.password,
        method?.kind === 'session' ? method.sessionId : null,
      );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
