// Sign in with GitHub: the OAuth web flow (see apps/api/README.md).
//   GET /api/auth/github?next=/path      → 302 to GitHub's authorize page
//   GET /api/auth/github/callback?code&state → session cookies, 303 to next
// The state is a random value in an HttpOnly cookie that only this browser
// holds; the callback compares it in constant time, so a code obtained in
// another browser (login CSRF) is refused.
import {
  AuthMethodsSchema,
  GitHubCallbackQuerySchema,
  GitHubStartQuerySchema,
  SameOriginPathSchema,
} from '@dust/contract';
import { CSRF_COOKIE, SESSION_COOKIE } from '@dust/contract/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_TTL_MS } from '../../domain/sign-in';
import { signInWithGitHub } from '../../domain/sign-in-with-github';
import { createGitHubOAuth } from '../../github/create-github-oauth';
import { readGitHubIdentity } from '../../github/read-github-identity';
import { ProblemError } from '../../lib/problem';
import { newSecret, safeEqual } from '../../lib/secrets';

const STATE_COOKIE = 'dust_github_oauth';
const STATE_COOKIE_PATH = '/api/auth/github';
/** Time to pass GitHub's authorize page (and perhaps its own sign-in and 2FA). */
const STATE_TTL_SECONDS = 600;

interface FlowState {
  state: string;
  next: string;
  /** Signed in when the flow started: a first GitHub sign-in links to this account. */
  linkUserId: number | null;
}

const FlowStateSchema = z.strictObject({
  state: z.string().min(20),
  next: SameOriginPathSchema,
  linkUserId: z.number().int().nullable(),
});

function readFlowState(request: FastifyRequest): FlowState | null {
  const raw = request.cookies[STATE_COOKIE];
  if (!raw) return null;
  try {
    const parsed = FlowStateSchema.safeParse(
      JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const notConfigured = () =>
  new ProblemError(
    404,
    'Not Found',
    'Sign in with GitHub is not configured on this server (GITHUB_OAUTH_CLIENT_ID).',
    { type: 'not-found' },
  );

const stateMismatch = () =>
  new ProblemError(
    400,
    'Bad Request',
    'This GitHub sign-in did not start in this browser, or took longer than 10 minutes; start again from the sign-in page.',
    { type: 'github-state-mismatch' },
  );

const routes: FastifyPluginAsyncZod = async (app) => {
  const config = app.config.githubOAuth;
  const oauth = config ? createGitHubOAuth(config) : null;
  const team = config?.maintainersTeam
    ? `${config.maintainersTeam.org}/${config.maintainersTeam.team}`
    : null;
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: app.config.secureCookies };
  const clearFlowState = (reply: FastifyReply) =>
    reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });

  app.get(
    '/api/auth/methods',
    {
      schema: {
        tags: ['accounts'],
        summary: 'How one can sign in here (the web shows a GitHub button when github is true)',
        response: { 200: AuthMethodsSchema },
      },
    },
    async () => ({ password: true as const, github: oauth !== null }),
  );

  app.get(
    '/api/auth/github',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with GitHub: redirects to GitHub, which comes back to the callback',
        querystring: GitHubStartQuerySchema,
        response: { 302: z.null().describe('To GitHub (Location)') },
      },
    },
    async (request, reply) => {
      if (!oauth) throw notConfigured();
      const flow: FlowState = {
        state: newSecret(''),
        next: request.query.next ?? '/',
        linkUserId: request.authMethod?.kind === 'session' ? (request.user?.id ?? null) : null,
      };
      const { url } = oauth.app.getWebFlowAuthorizationUrl({
        state: flow.state,
        redirectUrl: oauth.callbackUrl,
        scopes: oauth.scopes,
      });
      reply
        .setCookie(STATE_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
          ...cookieBase,
          path: STATE_COOKIE_PATH,
          httpOnly: true,
          maxAge: STATE_TTL_SECONDS,
        })
        .header('cache-control', 'no-store');
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/api/auth/github/callback',
    {
      schema: {
        tags: ['accounts'],
        summary: "GitHub's redirect back: signs in and redirects to the page the flow began on",
        querystring: GitHubCallbackQuerySchema,
        response: { 303: z.null().describe('To the `next` path (Location), signed in') },
      },
    },
    async (request, reply) => {
      if (!oauth) throw notConfigured();
      const flow = readFlowState(request);
      clearFlowState(reply).header('cache-control', 'no-store');
      const { state, code, error } = request.query;
      if (!flow || !state || !safeEqual(state, flow.state)) throw stateMismatch();
      if (error === 'access_denied') {
        // The visitor said no on GitHub's page: back to the sign-in page, which says so.
        return reply.redirect(`/signin?github=denied&next=${encodeURIComponent(flow.next)}`, 303);
      }
      if (error || !code) {
        throw new ProblemError(
          400,
          'Bad Request',
          `GitHub did not sign you in (${error ?? 'no code'}); start again from the sign-in page.`,
          { type: 'github-sign-in-failed' },
        );
      }
      const identity = await readGitHubIdentity(oauth, code);
      const linkTo =
        flow.linkUserId !== null && request.user?.id === flow.linkUserId ? flow.linkUserId : null;
      const session = await signInWithGitHub(app.prisma, identity, { team, linkTo });
      const persistent = { ...cookieBase, maxAge: SESSION_TTL_MS / 1000 };
      reply
        .setCookie(SESSION_COOKIE, session.sessionId, { ...persistent, httpOnly: true })
        .setCookie(CSRF_COOKIE, session.csrfToken, { ...persistent, httpOnly: false });
      request.log.info(
        { userId: session.user.id, role: session.user.role, created: session.created },
        'signed in with GitHub',
      );
      return reply.redirect(flow.next, 303);
    },
  );
};

export default routes;
