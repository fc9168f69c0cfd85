import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { webBuildIsStale } from '../../../../scripts/web-build.mjs';

// Starts the real stack for end-to-end tests and benches: the API on a fresh embedded
// database in a temp dir, and the built web app pointed at it, each on a free port.

export const WEB_DIR = resolve(import.meta.dirname, '../..');
export const REPO_ROOT = resolve(WEB_DIR, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

/** `next build` unless an up-to-date build exists (CI: once per run; shared by every e2e file). */
export function ensureWebBuild(): void {
  if (process.env.DUST_E2E_REBUILD !== '1' && !webBuildIsStale(REPO_ROOT)) return;
  const result = spawnSync('npx', ['next', 'build'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    timeout: 10 * 60_000,
  });
  if (result.status !== 0) throw new Error(`next build failed (status ${result.status})`);
}

async function waitFor(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited (${child.exitCode}) before ${url} answered:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}:\n${log()}`);
}

function startProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log: () => output };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    }, 8000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

export interface Stack {
  apiUrl: string;
  webUrl: string;
  adminToken: string;
  apiLog: () => string;
  webLog: () => string;
  stop: () => Promise<void>;
}

/** The API's Prisma client is generated (git-ignored); its start script would do the same. */
function ensureApiClient(): void {
  const result = spawnSync('node', ['--import', 'tsx', 'apps/api/src/db/generate.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    timeout: 5 * 60_000,
  });
  if (result.status !== 0)
    throw new Error(`generating the API's Prisma client failed (status ${result.status})`);
}

/**
 * `apiEnv` adds to the API's environment (e.g. higher rate limits for benches); as a
 * function, it gets the web's URL (e.g. for DUST_PUBLIC_URL). `webEnv` adds to the web's.
 */
export async function startStack(
  apiEnv: Record<string, string> | ((urls: { webUrl: string }) => Record<string, string>) = {},
  webEnv: Record<string, string> = {},
): Promise<Stack> {
  ensureApiClient();
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'dust-web-e2e-'));
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const adminToken = `e2e-${randomBytes(18).toString('hex')}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.DATABASE_URL;
  const api = startProcess('node', ['--import', 'tsx', 'apps/api/src/server.ts'], REPO_ROOT, {
    ...env,
    API_PORT: String(apiPort),
    DUST_DATA_DIR: dataDir,
    DUST_BOOTSTRAP_TOKEN: adminToken,
    DUST_BUILD_WORKER: process.env.DUST_E2E_BUILD_WORKER ?? '0',
    LOG_LEVEL: 'warn',
    // plain http on loopback: a Secure cookie would not come back
    DUST_SECURE_COOKIES: '0',
    ...(typeof apiEnv === 'function' ? apiEnv({ webUrl }) : apiEnv),
  });
  // The web's own server (bin/start.ts), as `npm start` runs it: it writes
  // X-Forwarded-For from the socket before Next sees a request.
  const web = startProcess(
    'node',
    ['--import', 'tsx', 'bin/start.ts', '-p', String(webPort), '-H', '127.0.0.1'],
    WEB_DIR,
    { ...env, API_URL: apiUrl, WEB_PORT: String(webPort), ...webEnv },
  );
  const stop = async () => {
    await Promise.all([stopProcess(web.child), stopProcess(api.child)]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${apiUrl}/api/health`, api.child, api.log);
    await waitFor(`${webUrl}/signin`, web.child, web.log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, webUrl, adminToken, apiLog: api.log, webLog: web.log, stop };
}
