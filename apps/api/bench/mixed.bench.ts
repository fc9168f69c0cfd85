// npm run bench (apps/api), part 2: mixed read/write traffic on PostgreSQL for
// BENCH_MIXED_SECONDS (default 60) with autocannon on loopback: lists, details,
// comments and events read while comments and reviews are written, by 20 users
// over 32 connections. Prints requests/s, p50/p99 and the error count, and
// exits 1 on any error or non-2xx answer (the run must have 0 errors). The API
// runs in a process of its own, as in production, so the load generator does
// not share its event loop.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { createPostgresDatabase } from '../src/testing';

const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const CONNECTIONS = 32;
const USERS = 20;
const PROPOSALS = 30;

const grouping = (extra: number) => ({
  schema: 'dust.grouping/v1',
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'keep' },
  flags: [
    { name: 'FILE_READ', bit: 0, description: 'Read files', syscalls: ['openat', 'close'] },
    { name: `EXTRA_${extra}`, bit: 1, description: 'More', syscalls: ['getpid'] },
  ],
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

async function post(url: string, token: string, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function main() {
  const db = await createPostgresDatabase();
  const port = await freePort();
  const adminToken = `dust_boot_${randomBytes(16).toString('hex')}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: resolve(import.meta.dirname, '..'),
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      API_PORT: String(port),
      DUST_BOOTSTRAP_TOKEN: adminToken,
      DUST_BUILD_WORKER: '0',
      DUST_RATE_LIMIT_WRITES: '1000000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 300; i++) {
      if (
        await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const tokens: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const user = await post(`${url}/api/users`, adminToken, {
        name: `bench${i}`,
        role: 'contributor',
      });
      tokens.push(user.token as string);
    }
    const ids: number[] = [];
    for (let i = 0; i < PROPOSALS; i++) {
      const proposal = await post(`${url}/api/proposals`, tokens[i % USERS] as string, {
        title: `Mixed ${i}`,
        rationale: 'Bench.',
        grouping: grouping(i),
      });
      ids.push(proposal.id as number);
    }
    let n = 0;
    const pick = <T>(xs: T[]) => xs[n++ % xs.length] as T;
    const write = (make: () => { path: string; token: string; body: object }) => ({
      method: 'POST' as const,
      setupRequest: (req: Record<string, unknown>) => {
        const { path, token, body } = make();
        return {
          ...req,
          path,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        };
      },
    });
    // Proposal k is by user k % USERS; its reviewers are anyone else.
    const reviewOf = () => {
      const k = n++ % PROPOSALS;
      const reviewer = (k + 1 + (n % (USERS - 1))) % USERS;
      return {
        path: `/api/proposals/${ids[k]}/revisions/1/reviews`,
        token: tokens[reviewer] as string,
        body: { verdict: 'ack', body: 'Looks right.' },
      };
    };
    const read = (path: () => string) => ({
      method: 'GET' as const,
      setupRequest: (req: Record<string, unknown>) => ({ ...req, path: path() }),
    });
    // One write in four.
    const requests = [
      read(() => '/api/proposals'),
      read(() => `/api/proposals/${pick(ids)}`),
      write(() => ({
        path: `/api/proposals/${pick(ids)}/comments`,
        token: pick(tokens),
        body: { body: `A comment ${n}` },
      })),
      read(() => `/api/proposals/${pick(ids)}/comments?limit=20`),
      read(() => '/api/events?order=desc&limit=20'),
      read(() => '/api/baseline'),
      write(reviewOf),
      read(() => `/api/proposals/${pick(ids)}/reviews`),
    ];
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests,
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      `\nDust API mixed traffic — PostgreSQL, loopback, ${SECONDS} s, ${CONNECTIONS} connections, ${USERS} users, one write in four`,
    );
    console.log(
      `requests ${result.requests.total}  req/s ${result.requests.average.toFixed(0)}  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${result.errors}  timeouts ${result.timeouts}  non-2xx ${result.non2xx}`,
    );
    if (errors > 0) {
      console.error('FAIL: the mixed run must have 0 errors');
      process.exitCode = 1;
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await db.drop();
  }
}

await main();
