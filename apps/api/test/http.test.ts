// Over real HTTP: the server process itself (src/server.ts) on an on-disk PGlite
// in a temp dir, port 0, driven with fetch, then stopped with SIGTERM.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { newSecret } from '../src/lib/secrets';
import { FILE_READ, grouping } from './fixtures';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Starts src/server.ts and resolves with its base URL once it listens. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

describe('the API over real HTTP', () => {
  let child: ChildProcess;
  let base: string;
  let dataDir: string;
  const bootstrap = newSecret('dust_boot_');

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dust-http-'));
    ({ child, base } = await startServer({
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      DATABASE_URL: '',
      DUST_DATA_DIR: dataDir,
      DUST_BOOTSTRAP_TOKEN: bootstrap,
      DUST_BUILD_WORKER: 'off',
      LOG_LEVEL: 'info',
    }));
  });
  after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const json = async (
    method: string,
    url: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(base + url, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined
        ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }
        : {}),
    });
    const text = await res.text();
    return { res, status: res.status, body: text ? JSON.parse(text) : null };
  };

  it('runs the workflow: accounts, proposal, review, approval, baseline, events', async () => {
    assert.deepEqual((await json('GET', '/api/health')).body, { status: 'ok', db: 'pglite' });
    const alice = await json('POST', '/api/users', {
      token: bootstrap,
      body: { name: 'alice', role: 'contributor', password: 'correct horse battery' },
    });
    assert.equal(alice.status, 201);
    const mia = await json('POST', '/api/users', {
      token: bootstrap,
      body: { name: 'mia', role: 'maintainer' },
    });

    // alice works in the browser: password login, cookie session, CSRF header.
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'alice', password: 'correct horse battery' }),
    });
    assert.equal(login.status, 200);
    const cookies = login.headers.getSetCookie();
    const sessionCookie = cookies.find((c) => c.startsWith('dust_session='));
    assert.match(String(sessionCookie), /HttpOnly/i);
    const cookie = String(sessionCookie).split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const proposal = await json('POST', '/api/proposals', {
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: { title: 'Files', rationale: 'Reading files.', grouping: grouping([FILE_READ]) },
    });
    assert.equal(proposal.status, 201, JSON.stringify(proposal.body));
    const id = proposal.body.id;

    const ack = await json('POST', `/api/proposals/${id}/revisions/1/reviews`, {
      token: mia.body.token,
      body: { verdict: 'ack', body: 'LGTM' },
    });
    assert.equal(ack.status, 201);
    const approved = await json('POST', `/api/proposals/${id}/revisions/1/approve`, {
      token: mia.body.token,
    });
    assert.equal(approved.status, 201, JSON.stringify(approved.body));
    assert.deepEqual(approved.body.trailers, ['Acked-by: mia <mia@users.dust.invalid>']);
    assert.equal((await json('GET', '/api/baseline')).body.release, 1);
    const events = await json('GET', '/api/events?type=release');
    assert.equal(events.body.items[0].type, 'release.created');
  });

  it('answers malformed requests with problem+json over the wire', async () => {
    const res = await fetch(`${base}/api/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grouping":',
    });
    assert.equal(res.status, 400);
    assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(((await res.json()) as { status: number }).status, 400);
    const big = await fetch(`${base}/api/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grouping: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(big.status, 413);
    assert.equal(big.headers.get('x-content-type-options'), 'nosniff');
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
