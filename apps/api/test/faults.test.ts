// Faults, for real: PostgreSQL stopped under traffic (on a server of the test's
// own — the shared one is never stopped), the API killed with SIGKILL in the
// middle of approvals, and a build job whose worker died.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app';
import { createPostgresDatabase, testConfig } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';
import {
  type PrivatePostgres,
  SKIP_WITHOUT_PRIVATE_POSTGRES,
  startPrivatePostgres,
} from './private-postgres';

const API_DIR = resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL stopped mid-traffic', { skip: SKIP_WITHOUT_PRIVATE_POSTGRES }, () => {
  let server: PrivatePostgres;
  let app: FastifyInstance;
  let closed = false;
  let auth: { authorization: string };
  let proposalId: number;

  before(async () => {
    server = await startPrivatePostgres();
    app = await buildApp(testConfig({ database: { kind: 'postgres', url: server.url } }));
    auth = { authorization: `Bearer ${app.config.bootstrapToken}` };
    const created = await app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: auth,
      payload: { title: 'Under fire', rationale: '', grouping: grouping([FILE_READ]) },
    });
    assert.equal(created.statusCode, 201, created.body);
    proposalId = created.json().id;
  });
  after(async () => {
    try {
      if (!closed) await app?.close();
    } finally {
      server?.destroy();
    }
  });

  it('answers 503 with retry-after while it is down, recovers without a restart, loses no acknowledged write', async () => {
    const acknowledged: number[] = [];
    const statuses = new Map<number, number>();
    let stopped = false;
    let restarted = false;
    const traffic = async (worker: number) => {
      for (let i = 0; i < 400 && !(restarted && acknowledged.length > 60); i++) {
        // Odd workers only write: transactions in flight when the server stops.
        const write = worker % 2 === 1 || i % 2 === 0;
        const res = await app.inject(
          write
            ? {
                method: 'POST',
                url: `/api/proposals/${proposalId}/comments`,
                headers: auth,
                payload: { body: `worker ${worker} comment ${i}` },
              }
            : { method: 'GET', url: `/api/proposals/${proposalId}/comments?limit=5` },
        );
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        assert.ok(
          [200, 201, 503].includes(res.statusCode),
          `${res.statusCode} ${res.body} (stopped: ${stopped}, restarted: ${restarted})`,
        );
        if (res.statusCode === 503) {
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
          assert.ok(Number(res.headers['retry-after']) > 0, 'retry-after');
          await sleep(20);
        }
        if (res.statusCode === 201) acknowledged.push(res.json().id);
      }
    };
    const outage = (async () => {
      while (acknowledged.length < 20) await sleep(10);
      server.stop();
      stopped = true;
      await sleep(1500);
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(health.statusCode, 503);
      server.start();
      restarted = true;
    })();
    try {
      await Promise.all([1, 2, 3, 4, 5, 6].map(traffic).concat(outage));
    } finally {
      if (!restarted) server.start();
    }
    assert.ok((statuses.get(503) ?? 0) > 0, `some requests met the outage: ${[...statuses]}`);
    assert.ok(
      acknowledged.length > 60,
      `traffic went on after the restart: ${acknowledged.length}`,
    );
    assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    const stored = await app.prisma.comment.findMany({
      where: { proposalId },
      select: { id: true },
    });
    const ids = new Set(stored.map((c) => c.id));
    assert.deepEqual(
      acknowledged.filter((id) => !ids.has(id)),
      [],
      'every 201 is in the database',
    );
    // Every pool client interrupted by the outage went back: closing does not hang.
    closed = true;
    const closing = app.close();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'hung'>((r) => {
      timer = setTimeout(() => r('hung'), 15_000);
    });
    const outcome = await Promise.race([closing, timeout]);
    clearTimeout(timer);
    assert.notEqual(
      outcome,
      'hung',
      'closing hangs: a pool client interrupted by the outage leaked',
    );
  });
});

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** The real API in a process of its own, on the given database. */
async function startApi(env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: { ...process.env, API_PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the API did not start: ${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(200);
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('the API killed with SIGKILL during approvals', () => {
  let db: { url: string; drop(): Promise<void> };
  const token = `dust_boot_${randomBytes(16).toString('hex')}`;

  before(async () => {
    db = await createPostgresDatabase();
  });
  after(() => db?.drop());

  it('leaves no half release: every release has its series, its build job and its approved proposal', async () => {
    const env = { DATABASE_URL: db.url, DUST_BOOTSTRAP_TOKEN: token, DUST_BUILD_WORKER: '0' };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let syscall = 0;
    const extra = ['dup', 'dup2', 'dup3', 'pipe', 'pipe2', 'getcwd', 'chdir', 'fchdir', 'umask'];
    for (let round = 0; round < 3; round++) {
      const api = await startApi(env);
      const approvals: Promise<unknown>[] = [];
      // Approve in a loop, and kill the process at a moment that lands inside one.
      const loop = (async () => {
        for (let i = 0; i < 20; i++) {
          const baseline = (await (await fetch(`${api.url}/api/baseline`)).json()) as {
            grouping: ReturnType<typeof grouping>;
          };
          const flags = baseline.grouping.flags.length ? baseline.grouping.flags : [FILE_READ];
          const [first = FILE_READ, ...rest] = flags;
          const added = extra[syscall++ % extra.length] as string;
          const created = await fetch(`${api.url}/api/proposals`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              title: `Killed ${round}.${i}`,
              rationale: '',
              grouping: grouping([{ ...first, syscalls: [...first.syscalls, added] }, ...rest]),
            }),
          });
          const { id } = (await created.json()) as { id: number };
          const approval = fetch(`${api.url}/api/proposals/${id}/revisions/1/approve`, {
            method: 'POST',
            headers,
          });
          approvals.push(approval.catch(() => undefined));
          await approval;
        }
      })().catch(() => undefined);
      await sleep(1500 + round * 700);
      await api.kill();
      await loop;
      await Promise.all(approvals);
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const releases = await client.query(`
        SELECT r.number, p.status,
               (SELECT count(*) FROM "ReleaseArtifact" a WHERE a."releaseId" = r.id)::int AS artifacts,
               (SELECT count(*) FROM "BuildJob" j WHERE j."releaseId" = r.id)::int AS jobs
        FROM "Release" r
        LEFT JOIN "Revision" v ON v.id = r."revisionId"
        LEFT JOIN "Proposal" p ON p.id = v."proposalId"
        ORDER BY r.number`);
      assert.ok(releases.rows.length > 1, 'some approvals went through');
      for (const [index, row] of releases.rows.entries()) {
        assert.equal(row.number, index, 'release numbers are dense');
        if (row.number === 0) continue;
        assert.deepEqual(
          [row.status, row.artifacts, row.jobs],
          ['approved', 1, 1],
          `release ${row.number}`,
        );
      }
      const approved = await client.query(
        `SELECT count(*)::int AS n FROM "Proposal" WHERE status = 'approved'`,
      );
      assert.equal(
        approved.rows[0].n,
        releases.rows.length - 1,
        'every approved proposal has a release',
      );
    } finally {
      await client.end();
    }
  });
});

describe('a build job whose worker died', () => {
  let db: { url: string; drop(): Promise<void> };
  let cacheDir: string;

  before(async () => {
    db = await createPostgresDatabase();
    cacheDir = mkdtempSync(join(tmpdir(), 'dust-no-kernel-'));
  });
  after(async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    await db?.drop();
  });

  it('is reclaimed and finished by a live worker in another process', async () => {
    // The first API approves and queues a build; then its worker "dies" holding the job.
    const token = `dust_boot_${randomBytes(16).toString('hex')}`;
    const base = { DATABASE_URL: db.url, DUST_BOOTSTRAP_TOKEN: token };
    const first = await startApi({ ...base, DUST_BUILD_WORKER: '0' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${first.url}/api/proposals`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Build me', rationale: '', grouping: grouping([FILE_READ]) }),
    });
    const { id } = (await created.json()) as { id: number };
    const approved = await fetch(`${first.url}/api/proposals/${id}/revisions/1/approve`, {
      method: 'POST',
      headers,
    });
    assert.equal(approved.status, 201);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`
        UPDATE "BuildJob" SET status = 'running', "claimedBy" = 'dead-worker', attempts = 1,
               "startedAt" = now(), "leaseExpiresAt" = now() - interval '1 second'`);
      await first.kill();
      // A second instance with a live worker; no kernel tree, so the test is a quick "skipped".
      const second = await startApi({
        ...base,
        DUST_BUILD_WORKER: '1',
        DUST_BUILD_POLL_MS: '100',
        DUST_CACHE_DIR: cacheDir,
      });
      try {
        let job: { status: string; claimedBy: string | null; attempts: number } | undefined;
        for (let i = 0; i < 150; i++) {
          job = (await client.query(`SELECT status, "claimedBy", attempts FROM "BuildJob"`))
            .rows[0];
          if (job && job.status !== 'running' && job.status !== 'queued') break;
          await sleep(200);
        }
        assert.equal(job?.status, 'skipped', JSON.stringify(job));
        assert.notEqual(job?.claimedBy, 'dead-worker');
        assert.equal(job?.attempts, 2);
      } finally {
        await second.kill();
      }
    } finally {
      await client.end();
    }
  });
});
