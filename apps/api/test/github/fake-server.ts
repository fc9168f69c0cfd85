import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExchangeWebFlowCodeOAuthAppResponse } from '@octokit/oauth-methods';
import {
  type Json,
  openapiExample,
  recordedError,
  recordedResponse,
  shaped,
} from './recorded-shapes';

/**
 * A local HTTP server that speaks the part of GitHub that Dust uses: the REST
 * API of `publishSeries` (repos, git refs/trees/commits, pulls), and the OAuth
 * web flow of "Sign in with GitHub" (the token exchange, /user, team
 * memberships). GitHub is the one outside service the rules allow a fake for.
 * It keeps real state so tests can check what was committed, and every body it
 * sends is a response GitHub recorded or documented (./recorded-shapes.ts) with
 * only the state-carrying fields filled in.
 */
export interface FakeGitHub {
  url: string;
  token: string;
  refs: Map<string, string>;
  trees: Map<string, { path: string; content: string }[]>;
  commits: Map<string, { message: string; tree: string; parents: string[] }>;
  pulls: {
    number: number;
    head: string;
    base: string;
    title: string;
    body: string;
    html_url: string;
  }[];
  requests: string[];
  oauth: FakeOAuth;
  close(): Promise<void>;
}

export interface FakeGitHubUser {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
}

export interface FakeOAuth {
  clientId: string;
  clientSecret: string;
  users: Map<string, FakeGitHubUser>;
  /** "org/team-slug" → login → membership state. */
  teams: Map<string, Map<string, 'active' | 'pending'>>;
  /** The authorize step: GitHub redirects back with this code (one use). */
  issueCode(login: string, redirectUri: string): string;
  /** Token → login, for tokens this server handed out. */
  tokens: Map<string, string>;
  /** Scopes each token exchange granted. */
  grantedScopes: string[];
  /** Membership checks answer 403, as when an organization restricts OAuth apps. */
  membershipForbidden: boolean;
  /**
   * Who is signed in to GitHub in the browser: GET /login/oauth/authorize then
   * approves at once and redirects back with a code, as GitHub does for an app
   * the person already authorized.
   */
  browserLogin: string | null;
}

function sha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> {
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeGitHub(owner = 'dust', repo = 'linux'): Promise<FakeGitHub> {
  const token = 'fake-token-for-tests';
  const rootTree = sha('tree', 'root');
  const rootCommit = sha('commit', 'root');
  const codes = new Map<string, { login: string; redirectUri: string }>();
  const oauth: FakeOAuth = {
    clientId: 'Iv1.fakeclientid0001',
    clientSecret: 'fake-client-secret',
    users: new Map(),
    teams: new Map(),
    tokens: new Map(),
    grantedScopes: [],
    membershipForbidden: false,
    browserLogin: null,
    issueCode(login, redirectUri) {
      const code = sha('code', login, String(codes.size), String(Math.random())).slice(0, 20);
      codes.set(code, { login, redirectUri });
      return code;
    },
  };
  const state: Omit<FakeGitHub, 'url' | 'close'> = {
    token,
    refs: new Map([['heads/main', rootCommit]]),
    trees: new Map([[rootTree, []]]),
    commits: new Map([[rootCommit, { message: 'initial', tree: rootTree, parents: [] }]]),
    pulls: [],
    requests: [],
    oauth,
  };
  const prefix = `/repos/${owner}/${repo}`;
  let url = '';
  const api = (p: string) => `${url}${p}`;

  const send = (res: ServerResponse, status: number, body: Json) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const refBody = (scenarioStatus: 200 | 201, ref: string, target: string) =>
    shaped(
      recordedResponse('git-refs', scenarioStatus === 201 ? 'post' : 'patch', scenarioStatus),
      {
        ref: `refs/${ref}`,
        url: api(`${prefix}/git/refs/${ref}`),
        'object.sha': target,
        'object.url': api(`${prefix}/git/commits/${target}`),
      },
    );

  /** POST /login/oauth/access_token: form or JSON, answered as GitHub does (errors are 200). */
  const exchangeCode = (res: ServerResponse, params: Record<string, unknown>) => {
    const issued = codes.get(String(params.code));
    if (params.client_id !== oauth.clientId || params.client_secret !== oauth.clientSecret) {
      // The error fields are what @octokit/oauth-methods reads (oauthRequest).
      return send(res, 200, {
        error: 'incorrect_client_credentials',
        error_description: 'The client_id and/or client_secret passed are incorrect.',
        error_uri:
          'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials',
      });
    }
    if (!issued || (params.redirect_uri && params.redirect_uri !== issued.redirectUri)) {
      return send(res, 200, {
        error: 'bad_verification_code',
        error_description: 'The code passed is incorrect or expired.',
        error_uri:
          'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
      });
    }
    codes.delete(String(params.code));
    const accessToken = `gho_${sha('token', issued.login, String(oauth.tokens.size)).slice(0, 36)}`;
    oauth.tokens.set(accessToken, issued.login);
    const scope = oauth.teams.size > 0 ? 'read:org' : '';
    oauth.grantedScopes.push(scope);
    // Typed by the client library that reads it: this endpoint is not in the REST description.
    const body: ExchangeWebFlowCodeOAuthAppResponse['data'] = {
      access_token: accessToken,
      scope,
      token_type: 'bearer',
    };
    return send(res, 200, body);
  };

  const userRoutes = (res: ServerResponse, path: string, login: string): boolean => {
    const user = oauth.users.get(login);
    if (!user) {
      send(res, 401, recordedError(401, 'Bad credentials'));
      return true;
    }
    if (path === '/user') {
      send(
        res,
        200,
        shaped(
          openapiExample(
            'users/get-authenticated',
            200,
            'response-with-public-and-private-profile-information',
          ),
          {
            id: user.id,
            login: user.login,
            name: user.name,
            email: user.email,
            url: api(`/users/${user.login}`),
          },
        ),
      );
      return true;
    }
    const membership = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path);
    if (membership) {
      const [, org, team, member] = membership;
      if (oauth.membershipForbidden) {
        send(
          res,
          403,
          recordedError(
            403,
            'Although you appear to have the correct authorization credentials, the organization has enabled OAuth App access restrictions.',
          ),
        );
        return true;
      }
      const members = oauth.teams.get(`${org}/${team}`);
      const status = members?.get(member as string);
      if (!status) send(res, 404, recordedError(404, 'Not Found'));
      else
        send(
          res,
          200,
          shaped(openapiExample('teams/get-membership-for-user-in-org', 200), {
            url: api(path),
            role: 'member',
            state: status,
          }),
        );
      return true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(parsed.pathname);
    state.requests.push(`${req.method} ${path}`);

    if (req.method === 'GET' && path === '/login/oauth/authorize') {
      const redirectUri = parsed.searchParams.get('redirect_uri') ?? '';
      if (parsed.searchParams.get('client_id') !== oauth.clientId || !oauth.browserLogin) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      const back = new URL(redirectUri);
      back.searchParams.set('code', oauth.issueCode(oauth.browserLogin, redirectUri));
      back.searchParams.set('state', parsed.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === 'POST' && path === '/login/oauth/access_token') {
      const text = await readBody(req);
      const params = req.headers['content-type']?.includes('json')
        ? parseJson(text)
        : Object.fromEntries(new URLSearchParams(text));
      return exchangeCode(res, params);
    }

    const presented = req.headers.authorization?.replace(/^(token|bearer) /i, '') ?? '';
    const userLogin = oauth.tokens.get(presented);
    if (userLogin !== undefined) {
      if (userRoutes(res, path, userLogin)) return;
      return send(res, 404, recordedError(404, 'Not Found'));
    }
    if (presented !== token) {
      return send(res, 401, recordedError(401, 'Bad credentials'));
    }
    if (!path.startsWith(prefix)) return send(res, 404, recordedError(404, 'Not Found'));
    const rest = path.slice(prefix.length);
    if (req.method === 'GET' && rest === '') {
      return send(
        res,
        200,
        shaped(recordedResponse('get-repository', 'get', 200), {
          name: repo,
          full_name: `${owner}/${repo}`,
          default_branch: 'main',
          url: api(prefix),
        }),
      );
    }
    if (req.method === 'GET' && rest.startsWith('/git/ref/')) {
      const ref = rest.slice('/git/ref/'.length);
      const target = state.refs.get(ref);
      if (!target) return send(res, 404, recordedError(404, 'Not Found'));
      return send(
        res,
        200,
        shaped(openapiExample('git/get-ref', 200), {
          ref: `refs/${ref}`,
          url: api(`${prefix}/git/refs/${ref}`),
          'object.sha': target,
          'object.type': 'commit',
          'object.url': api(`${prefix}/git/commits/${target}`),
        }),
      );
    }
    if (req.method === 'GET' && rest.startsWith('/git/commits/')) {
      const commitSha = rest.slice('/git/commits/'.length);
      const commit = state.commits.get(commitSha);
      if (!commit) return send(res, 404, recordedError(404, 'Not Found'));
      return send(
        res,
        200,
        shaped(openapiExample('git/get-commit', 200), {
          sha: commitSha,
          url: api(`${prefix}/git/commits/${commitSha}`),
          'tree.sha': commit.tree,
          'tree.url': api(`${prefix}/git/trees/${commit.tree}`),
          message: commit.message,
          parents: commit.parents.map((p) => ({ sha: p, url: api(`${prefix}/git/commits/${p}`) })),
        }),
      );
    }
    const body = parseJson(await readBody(req));
    if (req.method === 'POST' && rest === '/git/trees') {
      const base = state.trees.get(String(body.base_tree));
      if (!base) return send(res, 404, recordedError(404, 'Not Found'));
      const entries = (body.tree as { path: string; content: string }[]).map((e) => ({
        path: e.path,
        content: e.content,
      }));
      const treeSha = sha('tree', JSON.stringify(entries), String(body.base_tree));
      state.trees.set(treeSha, [...base, ...entries]);
      const example = openapiExample('git/create-tree', 201) as { tree: Json[] };
      const entryShape = example.tree[0] as Json;
      return send(
        res,
        201,
        shaped(example, {
          sha: treeSha,
          url: api(`${prefix}/git/trees/${treeSha}`),
          tree: [...base, ...entries].map((e) =>
            shaped(entryShape, {
              path: e.path,
              mode: '100644',
              type: 'blob',
              size: Buffer.byteLength(e.content),
              sha: sha('blob', e.content),
              url: api(`${prefix}/git/blobs/${sha('blob', e.content)}`),
            }),
          ),
          truncated: false,
        }),
      );
    }
    if (req.method === 'POST' && rest === '/git/commits') {
      const parents = body.parents as string[];
      const commitSha = sha('commit', String(body.tree), String(body.message), ...parents);
      state.commits.set(commitSha, {
        message: String(body.message),
        tree: String(body.tree),
        parents,
      });
      return send(
        res,
        201,
        shaped(openapiExample('git/create-commit', 201), {
          sha: commitSha,
          url: api(`${prefix}/git/commits/${commitSha}`),
          message: String(body.message),
          'tree.sha': String(body.tree),
          parents: parents.map((p) => ({
            sha: p,
            url: api(`${prefix}/git/commits/${p}`),
            html_url: `${url}/${owner}/${repo}/commit/${p}`,
          })),
        }),
      );
    }
    if (req.method === 'POST' && rest === '/git/refs') {
      const ref = String(body.ref).replace(/^refs\//, '');
      if (state.refs.has(ref)) {
        return send(res, 422, recordedError(422, 'Reference already exists'));
      }
      state.refs.set(ref, String(body.sha));
      return send(res, 201, refBody(201, ref, String(body.sha)));
    }
    if (req.method === 'PATCH' && rest.startsWith('/git/refs/')) {
      const ref = rest.slice('/git/refs/'.length);
      if (!state.refs.has(ref)) {
        return send(res, 422, recordedError(422, 'Reference does not exist'));
      }
      state.refs.set(ref, String(body.sha));
      return send(res, 200, refBody(200, ref, String(body.sha)));
    }
    const pullBody = (pull: FakeGitHub['pulls'][number]) =>
      shaped(openapiExample('pulls/create', 201), {
        url: api(`${prefix}/pulls/${pull.number}`),
        html_url: pull.html_url,
        number: pull.number,
        state: 'open',
        title: pull.title,
        body: pull.body,
        'head.ref': pull.head,
        'head.label': `${owner}:${pull.head}`,
        'base.ref': pull.base,
        'base.label': `${owner}:${pull.base}`,
      });
    if (req.method === 'POST' && rest === '/pulls') {
      const head = String(body.head);
      if (!state.refs.has(`heads/${head}`)) {
        return send(res, 422, recordedError(422, 'Validation Failed'));
      }
      if (state.pulls.some((p) => p.head === head)) {
        return send(
          res,
          422,
          recordedError(422, `A pull request already exists for ${owner}:${head}.`),
        );
      }
      const number = state.pulls.length + 1;
      const pull = {
        number,
        head,
        base: String(body.base),
        title: String(body.title),
        body: String(body.body),
        html_url: `${url}/${owner}/${repo}/pull/${number}`,
      };
      state.pulls.push(pull);
      return send(res, 201, pullBody(pull));
    }
    if (req.method === 'GET' && rest === '/pulls') {
      const head = parsed.searchParams.get('head')?.split(':')[1];
      return send(
        res,
        200,
        state.pulls
          .filter((p) => p.head === head)
          .map((pull) =>
            shaped((openapiExample('pulls/list', 200) as Json[])[0] as Json, {
              url: api(`${prefix}/pulls/${pull.number}`),
              html_url: pull.html_url,
              number: pull.number,
              state: 'open',
              title: pull.title,
              body: pull.body,
              'head.ref': pull.head,
              'base.ref': pull.base,
            }),
          ),
      );
    }
    return send(res, 404, recordedError(404, 'Not Found'));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, 500, { message: String(error), documentation_url: 'https://docs.github.com/rest' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...state,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
