// Who is calling: `Authorization: Bearer <token>` (API tokens) or the
// `dust_session` cookie (web). Resolved for every request into `request.user`
// (null = anonymous). Routes that write use `onRequest: app.authenticate` or
// `app.requireRole('maintainer')`.
//
// CSRF: a cookie-authenticated request with an unsafe method must carry the
// session's CSRF token in the `x-csrf-token` header (double submit: the token
// is also in the readable `dust_csrf` cookie and in GET /api/me). Bearer
// requests need no CSRF token: browsers never attach them on their own. The
// cookie and header names are the contract's (@dust/contract/http), shared with the web.
import { CSRF_HEADER, SESSION_COOKIE } from '@dust/contract/http';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../generated/prisma/client';
import { forbidden, unauthorized } from '../../lib/problem';
import { ReadCache } from '../../lib/read-cache';
import { isSafeMethod } from '../../lib/safe-methods';
import { safeEqual, sha256 } from '../../lib/secrets';

export interface AuthUser {
  id: number;
  name: string;
  role: Role;
}

export type AuthMethod =
  | { kind: 'token'; tokenId: number }
  | { kind: 'session'; sessionId: number; csrfToken: string };

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
    authMethod: AuthMethod | null;
  }
  interface FastifyInstance {
    /** onRequest hook: 401 unless signed in (and 403 on a cookie write without CSRF token). */
    authenticate: onRequestHookHandler;
    /** onRequest hook: like authenticate, then 403 unless the user has at least this role. */
    requireRole(role: Role): onRequestHookHandler;
  }
}

const ROLE_RANK: Record<Role, number> = { contributor: 0, maintainer: 1, admin: 2 };
// lastUsedAt is informative: write it at most this often per token.
const LAST_USED_RESOLUTION_MS = 60_000;

export function hasRole(user: AuthUser, role: Role): boolean {
  return ROLE_RANK[user.role] >= ROLE_RANK[role];
}

/** The signed-in user, or 401. For handlers behind `app.authenticate`. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

export default fp(
  async (app) => {
    app.decorateRequest('user', null);
    app.decorateRequest('authMethod', null);
    // Credential rows by hash, kept until the next committed write (any revocation,
    // sign-out, role change or lastUsedAt update is one), exactly like cached reads
    // (lib/read-cache.ts): a cached read with a cookie or token would otherwise still
    // queue for the database. Expiry depends on the clock and is checked on each use.
    const credentials = new ReadCache(app.db.dataVersion, 1024);

    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header);
        if (!match?.[1])
          throw unauthorized('Malformed Authorization header; expected "Bearer <token>".');
        const hash = sha256(match[1]);
        const token = await credentials.value(`token:${hash}`, () =>
          app.prisma.apiToken.findUnique({
            where: { hash },
            include: { user: { select: { id: true, name: true, role: true } } },
          }),
        );
        if (!token || token.revokedAt) throw unauthorized('Unknown or revoked API token.');
        request.user = { ...token.user };
        request.authMethod = { kind: 'token', tokenId: token.id };
        const now = Date.now();
        if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
          await app.prisma.apiToken.update({
            where: { id: token.id },
            data: { lastUsedAt: new Date(now) },
          });
        }
        return;
      }
      const sessionId = request.cookies[SESSION_COOKIE];
      if (!sessionId) return;
      const idHash = sha256(sessionId);
      const session = await credentials.value(`session:${idHash}`, () =>
        app.prisma.session.findUnique({
          where: { idHash },
          include: { user: { select: { id: true, name: true, role: true } } },
        }),
      );
      // An unknown or expired cookie is simply anonymous: reads stay public.
      if (!session || session.expiresAt.getTime() <= Date.now()) return;
      request.user = { ...session.user };
      request.authMethod = { kind: 'session', sessionId: session.id, csrfToken: session.csrfToken };
    });

    const authenticate = async (request: FastifyRequest, _reply: FastifyReply) => {
      if (!request.user) throw unauthorized();
      const method = request.authMethod;
      if (method?.kind === 'session' && !isSafeMethod(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !safeEqual(sent, method.csrfToken)) {
          throw forbidden(
            `Cookie-authenticated writes need the session's CSRF token in the ${CSRF_HEADER} header.`,
          );
        }
      }
    };
    app.decorate('authenticate', authenticate);
    app.decorate(
      'requireRole',
      (role: Role) => async (request: FastifyRequest, reply: FastifyReply) => {
        await authenticate(request, reply);
        const user = currentUser(request);
        if (!hasRole(user, role))
          throw forbidden(`This needs the ${role} role; ${user.name} is a ${user.role}.`);
      },
    );
  },
  { name: 'auth', dependencies: ['database'] },
);
