// npm run bench (apps/api): HTTP speed of the real app on loopback, with
// autocannon, in one bounded run (~5 s per scenario, in alternating slices):
//  - GET /api/baseline and GET /api/proposals (PGlite, seeded with a baseline and
//    50 proposals) against a bare Fastify route in the same process → ratio;
//  - p99 latency at 64 connections;
//  - series.mbox download throughput (MB/s);
//  - GET /api/proposals against a bare route sending the same (larger) bytes.
// Targets: ratio ≥ 50 %, p99 < 20 ms. Figures are printed, not asserted.
// BENCH_DB=postgres runs the same on a fresh database on DUST_TEST_DATABASE_URL's
// server (dropped afterwards). The JSON routes are answered from the read cache
// (src/lib/read-cache.ts) once warm: this measures the steady state between writes.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { createPostgresDatabase, testConfig } from '../src/testing';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
// The machine is shared: a burst of other work during one scenario's window would
// skew the ratios. So each scenario runs in ROUNDS slices, the scenarios take
// turns, and every figure is the median of its slices.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const CONNECTIONS = 64;
const PROPOSALS = 50;
const DB = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';

const FLAGS = [
  { name: 'FILE_READ', syscalls: ['openat', 'close', 'lseek', 'pread64', 'readv'] },
  { name: 'FILE_WRITE', syscalls: ['pwrite64', 'writev', 'fsync', 'ftruncate'] },
  { name: 'TIME', syscalls: ['clock_gettime', 'gettimeofday', 'nanosleep'] },
  { name: 'MEMORY', syscalls: ['mmap', 'munmap', 'mprotect', 'brk'] },
  { name: 'PROCESS_INFO', syscalls: ['getpid', 'getppid', 'getuid', 'getgid'] },
];

function grouping(flagCount: number, extra?: { name: string; syscalls: string[] }) {
  const flags = FLAGS.slice(0, flagCount).map((f, bit) => ({
    name: f.name,
    bit,
    description: `Benchmark flag ${f.name.toLowerCase()}`,
    syscalls: f.syscalls,
  }));
  if (extra) flags.push({ ...extra, bit: flags.length, description: `Proposed ${extra.name}` });
  return {
    schema: 'dust.grouping/v1',
    kernel: '6.1',
    policy: { fork: 'inherit', exec: 'keep' },
    flags,
  };
}

async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  auth: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${auth}` },
    payload: payload as object,
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}

/** A baseline with flags (release 1, approved through the API) and open proposals on it. */
async function seed(app: FastifyInstance, adminToken: string): Promise<void> {
  const first = await call(app, 'POST', '/api/proposals', adminToken, {
    title: 'Initial flag set',
    rationale: 'Benchmark baseline.',
    grouping: grouping(FLAGS.length),
  });
  await call(app, 'POST', `/api/proposals/${first.id}/revisions/1/approve`, adminToken);
  for (let i = 0; i < PROPOSALS; i++) {
    await call(app, 'POST', '/api/proposals', adminToken, {
      title: `Proposal ${i}: a flag for signals`,
      rationale: `Benchmark proposal number ${i}.`,
      grouping: grouping(FLAGS.length, {
        name: `SIGNALS_${i}`,
        syscalls: ['rt_sigaction', 'rt_sigprocmask'],
      }),
    });
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function run(name: string, url: string, connections = CONNECTIONS): Promise<Row> {
  // The load generator runs on its own thread so it does not share the event loop
  // with the servers it measures.
  const duration = Math.max(1, DURATION / ROUNDS);
  const result: Result = await autocannon({ url, connections, duration, workers: 1 });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  return {
    name,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mbps: result.throughput.average / 1e6,
  };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Runs the scenarios in turns, ROUNDS times, and keeps each figure's median. */
async function runInTurns(
  scenarios: { name: string; url: string; connections?: number }[],
): Promise<Row[]> {
  const slices = scenarios.map(() => [] as Row[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of scenarios.entries())
      slices[i]?.push(await run(s.name, s.url, s.connections));
  }
  return slices.map((rows) => {
    const first = rows[0] as Row;
    return {
      name: first.name,
      connections: first.connections,
      rps: median(rows.map((r) => r.rps)),
      p50: median(rows.map((r) => r.p50)),
      p99: median(rows.map((r) => r.p99)),
      mbps: median(rows.map((r) => r.mbps)),
    };
  });
}

interface Row {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  mbps: number;
}

function table(rows: Row[], bare: Row): string {
  const header = ['scenario', 'conns', 'req/s', 'vs bare', 'p50 ms', 'p99 ms', 'MB/s'];
  const lines = rows.map((r) => [
    r.name,
    String(r.connections),
    r.rps.toFixed(0),
    r === bare ? '100 %' : `${((100 * r.rps) / bare.rps).toFixed(0)} %`,
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.mbps.toFixed(1),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((l) => (l[i] as string).length)),
  );
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dust-bench-'));
  const pgDb = DB === 'postgres' ? await createPostgresDatabase() : null;
  const config = testConfig({
    database: pgDb ? { kind: 'postgres', url: pgDb.url } : { kind: 'pglite', dataDir },
    buildWorker: false,
  });
  const app = await buildApp(config).catch(async (err) => {
    await pgDb?.drop();
    throw err;
  });
  const bare = Fastify({ logger: false });
  try {
    await seed(app, config.bootstrapToken as string);
    const baselineBody = (await app.inject({ method: 'GET', url: '/api/baseline' })).body;
    // The bare route answers the same bytes the real baseline route serves, so the
    // ratio measures the app's own work (auth hook, DB query, validation, serialization).
    bare.get('/bare', async (_request, reply) => reply.type('application/json').send(baselineBody));
    // The proposal list is ~7 times larger than the baseline; on a loaded machine the
    // load generator's own cost per byte shows in the ratio, so it is also compared
    // with a bare route sending the list's bytes.
    const proposalsBody = (await app.inject({ method: 'GET', url: '/api/proposals' })).body;
    bare.get('/bare-proposals', async (_request, reply) =>
      reply.type('application/json').send(proposalsBody),
    );
    const bareUrl = await listen(bare);
    const appUrl = await listen(app);

    const rows = await runInTurns([
      { name: 'bare Fastify route', url: `${bareUrl}/bare` },
      { name: 'GET /api/baseline', url: `${appUrl}/api/baseline` },
      { name: 'GET /api/proposals', url: `${appUrl}/api/proposals` },
      {
        name: 'GET /api/releases/1/series.mbox',
        url: `${appUrl}/api/releases/1/series.mbox`,
        connections: 16,
      },
      { name: 'bare route, list bytes', url: `${bareUrl}/bare-proposals` },
    ]);
    const bareRow = rows[0] as Row;
    const bareProposals = rows[4] as Row;

    const mbox = await app.inject({ method: 'GET', url: '/api/releases/1/series.mbox' });
    console.log(
      `\nDust API benchmark — loopback, autocannon, ${DURATION} s per scenario in ${ROUNDS} alternating slices (medians), ${DB === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${PROPOSALS} proposals`,
    );
    console.log(
      `mbox size ${(mbox.rawPayload.length / 1024).toFixed(1)} KiB, baseline JSON ${baselineBody.length} B, list JSON ${proposalsBody.length} B\n`,
    );
    console.log(table(rows, bareRow));
    const worst = Math.min(...rows.slice(1, 3).map((r) => r.rps / bareRow.rps));
    const p99 = Math.max(...rows.slice(1, 3).map((r) => r.p99));
    console.log(
      `\nratio (worst JSON route / bare): ${(100 * worst).toFixed(0)} % (target ≥ 50 %); p99 at ${CONNECTIONS} connections: ${p99.toFixed(1)} ms (target < 20 ms)`,
    );
    const list = rows[2] as Row;
    console.log(
      `GET /api/proposals / bare route sending the same bytes: ${((100 * list.rps) / bareProposals.rps).toFixed(0)} %`,
    );
  } finally {
    await bare.close();
    await app.close();
    await pgDb?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
