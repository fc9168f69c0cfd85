import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that speaks the part of GitHub's REST API that
 * `publishSeries` uses (repos, git refs/trees/commits, pulls). GitHub is the one
 * outside service the rules allow a fake for; it keeps real state so tests can
 * check what was committed.
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
  close(): Promise<void>;
}

function sha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeGitHub(owner = 'dust', repo = 'linux'): Promise<FakeGitHub> {
  const token = 'fake-token-for-tests';
  const rootTree = sha('tree', 'root');
  const rootCommit = sha('commit', 'root');
  const state: Omit<FakeGitHub, 'url' | 'close'> = {
    token,
    refs: new Map([['heads/main', rootCommit]]),
    trees: new Map([[rootTree, []]]),
    commits: new Map([[rootCommit, { message: 'initial', tree: rootTree, parents: [] }]]),
    pulls: [],
    requests: [],
  };
  const prefix = `/repos/${owner}/${repo}`;
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(parsed.pathname);
    state.requests.push(`${req.method} ${path}`);
    if (req.headers.authorization?.replace(/^(token|bearer) /i, '') !== token) {
      return send(res, 401, { message: 'Bad credentials' });
    }
    if (!path.startsWith(prefix)) return send(res, 404, { message: 'Not Found' });
    const rest = path.slice(prefix.length);
    if (req.method === 'GET' && rest === '') {
      return send(res, 200, { full_name: `${owner}/${repo}`, default_branch: 'main' });
    }
    if (req.method === 'GET' && rest.startsWith('/git/ref/')) {
      const ref = rest.slice('/git/ref/'.length);
      const target = state.refs.get(ref);
      if (!target) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, { ref: `refs/${ref}`, object: { sha: target, type: 'commit' } });
    }
    if (req.method === 'GET' && rest.startsWith('/git/commits/')) {
      const commitSha = rest.slice('/git/commits/'.length);
      const commit = state.commits.get(commitSha);
      if (!commit) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, {
        sha: commitSha,
        tree: { sha: commit.tree },
        message: commit.message,
      });
    }
    const body = await readJson(req);
    if (req.method === 'POST' && rest === '/git/trees') {
      const base = state.trees.get(String(body.base_tree));
      if (!base) return send(res, 422, { message: 'base_tree not found' });
      const entries = (body.tree as { path: string; content: string }[]).map((e) => ({
        path: e.path,
        content: e.content,
      }));
      const treeSha = sha('tree', JSON.stringify(entries), String(body.base_tree));
      state.trees.set(treeSha, [...base, ...entries]);
      return send(res, 201, { sha: treeSha });
    }
    if (req.method === 'POST' && rest === '/git/commits') {
      const parents = body.parents as string[];
      const commitSha = sha('commit', String(body.tree), String(body.message), ...parents);
      state.commits.set(commitSha, {
        message: String(body.message),
        tree: String(body.tree),
        parents,
      });
      return send(res, 201, { sha: commitSha });
    }
    if (req.method === 'POST' && rest === '/git/refs') {
      const ref = String(body.ref).replace(/^refs\//, '');
      if (state.refs.has(ref)) return send(res, 422, { message: 'Reference already exists' });
      state.refs.set(ref, String(body.sha));
      return send(res, 201, { ref: body.ref, object: { sha: body.sha } });
    }
    if (req.method === 'PATCH' && rest.startsWith('/git/refs/')) {
      const ref = rest.slice('/git/refs/'.length);
      if (!state.refs.has(ref)) return send(res, 422, { message: 'Reference does not exist' });
      state.refs.set(ref, String(body.sha));
      return send(res, 200, { ref: `refs/${ref}`, object: { sha: body.sha } });
    }
    if (req.method === 'POST' && rest === '/pulls') {
      const head = String(body.head);
      if (!state.refs.has(`heads/${head}`)) return send(res, 422, { message: 'head not found' });
      if (state.pulls.some((p) => p.head === head)) {
        return send(res, 422, { message: 'A pull request already exists' });
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
      return send(res, 201, pull);
    }
    if (req.method === 'GET' && rest === '/pulls') {
      const head = parsed.searchParams.get('head')?.split(':')[1];
      return send(
        res,
        200,
        state.pulls.filter((p) => p.head === head),
      );
    }
    return send(res, 404, { message: 'Not Found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...state,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
