// `npm run start:worker` as a real process on PostgreSQL: it claims a queued job,
// runs the real kernel-test harness (here on an empty cache directory, so the
// verdict is "skipped" with the setup command: a real build would take minutes),
// keeps its health file fresh, logs JSON, and exits 0 on SIGTERM.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestApp, type TestApp } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker/main.ts'], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  // Bounded so that a broken worker fails the test instead of hanging it.
  for (let i = 0; i < 600; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the worker process', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await createTestApp('postgres');
    dir = await mkdtemp(path.join(tmpdir(), 'dust-worker-'));
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('builds a queued release, keeps its health file fresh, and stops on SIGTERM', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: t.admin.auth,
      payload: { title: 'Read files', rationale: 'Start small.', grouping: grouping([FILE_READ]) },
    });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${created.json().id}/revisions/1/approve`,
      headers: t.admin.auth,
    });
    assert.equal(approved.statusCode, 201, approved.body);

    const healthFile = path.join(dir, 'alive');
    const url = t.config.database.kind === 'postgres' ? t.config.database.url : '';
    const { child, output } = startWorker({
      DATABASE_URL: url,
      DUST_BUILD_POLL_MS: '100',
      DUST_WORKER_HEALTH_FILE: healthFile,
      DUST_CACHE_DIR: path.join(dir, 'no-kernel-tree'),
      LOG_FORMAT: 'json',
    });
    try {
      const job = await until('the job to finish', async () => {
        const row = await t.app.prisma.buildJob.findFirst({ where: { release: { number: 1 } } });
        return row && row.status !== 'queued' && row.status !== 'running' ? row : undefined;
      });
      assert.equal(job.status, 'skipped', output());
      assert.match(job.reason ?? '', /npm run kernel:setup/);
      assert.match(job.claimedBy ?? '', new RegExp(`:${child.pid}:`));
      const age = Date.now() - (await stat(healthFile)).mtimeMs;
      assert.ok(age < 15_000, `health file is ${age} ms old`);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited(child), 0, output());
    const lines = output().trim().split('\n');
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    assert.ok(messages.includes('build worker started'), output());
    assert.ok(messages.includes('build job done'));
    assert.equal(messages.at(-1), 'stopped');
    const events = await t.app.prisma.event.findMany({
      where: { type: { startsWith: 'build.' } },
      orderBy: { id: 'asc' },
    });
    assert.deepEqual(
      events.map((e) => e.type),
      ['build.queued', 'build.started', 'build.finished'],
    );
  });

  test('refuses the embedded database with a readable message and exit code 1', async () => {
    const { child, output } = startWorker({ DUST_DATA_DIR: dir });
    assert.equal(await exited(child), 1);
    assert.match(output(), /^Invalid environment:\n {2}DATABASE_URL: the worker process needs/);
  });
});
