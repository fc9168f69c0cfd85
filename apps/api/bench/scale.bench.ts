// npm run bench (apps/api), part 3: does Dust slow down as its database grows?
// Two PostgreSQL databases of the same shape — small (100 proposals, 1 000
// comments, 10 releases) and large (10 000 proposals, 100 000 comments,
// 1 000 releases), seeded with SQL — each served by its own API process (and,
// when the web app is built, its own web server). The list and detail routes
// and the proposal page are measured with autocannon on loopback, small and
// large in turns; p99 large / p99 small must stay within 2×. Prints the table
// and exits 1 when a route grows more than that.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/db/open';
import { createPostgresDatabase } from '../src/testing';

const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 5);
const CONNECTIONS = 8;
const API_DIR = resolve(import.meta.dirname, '..');
const WEB_DIR = resolve(API_DIR, '../web');
const BUDGET = 2;
// The machine is shared: each figure is the median of ROUNDS slices, small and
// large taking turns, so that a burst of other work hits both alike.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

interface Size {
  name: string;
  proposals: number;
  commentsPerProposal: number;
  releases: number;
}
const SIZES: Size[] = [
  { name: 'small', proposals: 100, commentsPerProposal: 10, releases: 10 },
  { name: 'large', proposals: 10_000, commentsPerProposal: 10, releases: 1_000 },
];

const GROUPING = JSON.stringify({
  schema: 'dust.grouping/v1',
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'keep' },
  flags: [
    { name: 'FILE_READ', bit: 0, description: 'Read files', syscalls: ['openat', 'close', 'read'] },
    { name: 'TIME', bit: 1, description: 'Clocks', syscalls: ['clock_gettime', 'nanosleep'] },
    { name: 'MEMORY', bit: 2, description: 'Memory', syscalls: ['mmap', 'munmap', 'brk'] },
  ],
});

/** Users, proposals (the first `releases` approved), one revision each, comments, releases, events. */
async function seed(url: string, size: Size): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const p = size.proposals;
    const r = size.releases;
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "User" (name, role) SELECT 'user' || g, 'contributor' FROM generate_series(1, 100) g`,
    );
    await client.query(
      `INSERT INTO "Proposal" (title, rationale, status, "authorId", "updatedAt")
       SELECT 'Proposal ' || g || ': a grouping', 'Why proposal ' || g || ' matters.',
              (CASE WHEN g <= $2 THEN 'approved' ELSE 'open' END)::"ProposalStatus",
              (SELECT min(id) FROM "User") + g % 100, now()
       FROM generate_series(1, $1::int) g`,
      [p, r],
    );
    await client.query(
      `INSERT INTO "Revision" ("proposalId", number, grouping, "baseRelease", valid, diagnostics, "authorId")
       SELECT id, 1, $1::jsonb, 0, true, '[]', "authorId" FROM "Proposal"`,
      [GROUPING],
    );
    await client.query(
      `INSERT INTO "Release" (number, grouping, "revisionId", "approvedById", trailers)
       SELECT row_number() OVER (ORDER BY v.id), $1::jsonb, v.id, v."authorId", '[]'
       FROM "Revision" v JOIN "Proposal" p ON p.id = v."proposalId" WHERE p.status = 'approved'`,
      [GROUPING],
    );
    await client.query(
      `INSERT INTO "Comment" ("proposalId", body, "authorId")
       SELECT p.id, 'Comment ' || c || ' on proposal ' || p.id || ': **markdown** and a [link](https://example.org).',
              p."authorId"
       FROM "Proposal" p, generate_series(1, $1::int) c`,
      [size.commentsPerProposal],
    );
    await client.query(
      `INSERT INTO "Event" (type, "actorId", "proposalId", data)
       SELECT 'comment.created', "authorId", "proposalId", jsonb_build_object('commentId', id)
       FROM "Comment"`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

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

async function start(
  command: string[],
  cwd: string,
  env: Record<string, string>,
  health: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, command, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited`);
    if (
      await fetch(health).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${health} did not answer`);
}

async function p99(url: string, connections = CONNECTIONS): Promise<number> {
  const result = await autocannon({ url, connections, duration: Math.max(1, SECONDS / ROUNDS) });
  if (result.errors + result.non2xx > 0)
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result.latency.p99;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;

async function main() {
  const webBuilt = existsSync(resolve(WEB_DIR, '.next/BUILD_ID'));
  const servers: ChildProcess[] = [];
  const dbs: { drop(): Promise<void> }[] = [];
  const targets: { api: string; web: string | null; proposal: number; release: number }[] = [];
  try {
    for (const size of SIZES) {
      const db = await createPostgresDatabase();
      dbs.push(db);
      // Migrations first (the API would apply them too), then the data.
      await (await openDatabase({ kind: 'postgres', url: db.url })).close();
      const seeded = performance.now();
      await seed(db.url, size);
      console.log(`seeded ${size.name} in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
      const apiPort = await freePort();
      const api = `http://127.0.0.1:${apiPort}`;
      servers.push(
        await start(
          ['--import', 'tsx', 'src/server.ts'],
          API_DIR,
          {
            DATABASE_URL: db.url,
            API_PORT: String(apiPort),
            DUST_BUILD_WORKER: '0',
            DUST_BOOTSTRAP_TOKEN: `dust_boot_${randomBytes(16).toString('hex')}`,
            LOG_LEVEL: 'warn',
          },
          `${api}/api/health`,
        ),
      );
      let web: string | null = null;
      if (webBuilt) {
        const webPort = await freePort();
        web = `http://127.0.0.1:${webPort}`;
        servers.push(
          await start(
            ['--import', 'tsx', 'bin/start.ts', '-p', String(webPort)],
            WEB_DIR,
            { API_URL: api, NEXT_TELEMETRY_DISABLED: '1' },
            `${web}/signin`,
          ),
        );
      }
      // A proposal and a release in the middle of the id range, comments and all.
      const proposal = Math.ceil(size.proposals / 2);
      targets.push({ api, web, proposal, release: Math.ceil(size.releases / 2) });
    }
    const routes: { name: string; path: (t: (typeof targets)[number]) => string | null }[] = [
      { name: 'GET /api/proposals', path: (t) => `${t.api}/api/proposals` },
      { name: 'GET /api/proposals?status=open', path: (t) => `${t.api}/api/proposals?status=open` },
      {
        name: 'GET /api/proposals?author=user7',
        path: (t) => `${t.api}/api/proposals?author=user7`,
      },
      { name: 'GET /api/proposals/:id', path: (t) => `${t.api}/api/proposals/${t.proposal}` },
      {
        name: 'GET /api/proposals/:id/comments',
        path: (t) => `${t.api}/api/proposals/${t.proposal}/comments`,
      },
      { name: 'GET /api/releases', path: (t) => `${t.api}/api/releases` },
      { name: 'GET /api/releases/:k', path: (t) => `${t.api}/api/releases/${t.release}` },
      { name: 'GET /api/events?order=desc', path: (t) => `${t.api}/api/events?order=desc` },
      {
        name: 'proposal page (web)',
        path: (t) => (t.web ? `${t.web}/proposals/${t.proposal}` : null),
      },
    ];
    console.log(
      `\nDust at scale — PostgreSQL, loopback, autocannon ${CONNECTIONS} connections (page: 4), ${SECONDS} s per route and size in ${ROUNDS} alternating slices (medians)`,
    );
    console.log('route                               p99 small  p99 large  growth');
    let over = 0;
    for (const route of routes) {
      const [small, large] = targets.map(route.path);
      if (!small || !large) {
        console.log(
          `${route.name.padEnd(36)}  null (the web app is not built: npm run build -w @dust/web)`,
        );
        continue;
      }
      const connections = route.name.includes('web') ? 4 : CONNECTIONS;
      const slices: [number[], number[]] = [[], []];
      for (let round = 0; round < ROUNDS; round++) {
        slices[0].push(await p99(small, connections));
        slices[1].push(await p99(large, connections));
      }
      const [a, b] = slices.map(median) as [number, number];
      const growth = b / Math.max(a, 1);
      if (growth > BUDGET) over++;
      console.log(
        `${route.name.padEnd(36)}${`${a} ms`.padStart(9)}${`${b} ms`.padStart(11)}${`${growth.toFixed(2)}×`.padStart(8)}${growth > BUDGET ? '  over budget' : ''}`,
      );
    }
    if (over > 0) {
      console.error(`FAIL: ${over} route(s) grew more than ${BUDGET}× from small to large`);
      process.exitCode = 1;
    }
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(
      servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : null)),
    );
    for (const db of dbs) await db.drop();
  }
}

await main();
