// The dust binary as a client of a real API listening on a port, as git-pw is
// for Patchwork: login, propose, comment, review, approve, fetch, and the
// server's refusals printed as one line with exit 1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping } from './fixtures';

const DUST = fileURLToPath(new URL('../../cli/bin/dust.js', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('dust as a client of a Dust server', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let mia: TestUser;
  let server: string;
  let proposal: number;
  const dir = mkdtempSync(path.join(tmpdir(), 'dust-client-'));
  /** alice's configuration home: dust login writes there. */
  const home = path.join(dir, 'alice-config');

  /** Runs the binary without blocking: the API it talks to runs in this process. */
  function dust(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
    return new Promise<Run>((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: home, ...opts.env };
      delete env.DUST_TOKEN;
      delete env.DUST_SERVER;
      delete env.DUST_API_URL;
      Object.assign(env, opts.env);
      const child = spawn(process.execPath, [DUST, ...args], { env, cwd: dir, timeout: 120_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString('utf8');
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(opts.input ?? '');
    });
  }
  const as = (user: TestUser) => ({ env: { DUST_TOKEN: user.token, DUST_SERVER: server } });
  const oneLine = (run: Run) => run.stdout === '' && /^[^\n]+\n$/.test(run.stderr);
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  before(async () => {
    t = await createTestApp('pglite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    server = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    alice = await t.createUser('contributor', { name: 'alice', email: 'alice@example.org' });
    bob = await t.createUser('contributor', { name: 'bob', email: 'bob@example.org' });
    mia = await t.createUser('maintainer', { name: 'mia', email: 'mia@example.org' });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dust login checks the token and saves it for its owner only', async () => {
    const wrong = await dust(['login', '--server', server], { input: 'dust_not_a_real_token\n' });
    assert.equal(wrong.status, 1, wrong.stderr);
    assert.ok(oneLine(wrong), wrong.stderr);
    assert.match(wrong.stderr, /401/);
    const run = await dust(['login', '--server', server], { input: `${alice.token}\n` });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /as alice \(contributor\)/);
    const file = path.join(home, 'dust', 'config.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { server, token: alice.token });
  });

  it('dust propose opens a proposal with the saved login; an invalid grouping is refused', async () => {
    const file = write('files.json', grouping([FILE_READ]));
    const run = await dust([
      'propose',
      file,
      '--title',
      'File reading',
      '--rationale',
      'Most need it.',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const match = /^proposal #(\d+): (\S+)$/m.exec(run.stdout);
    assert.ok(match, run.stdout);
    proposal = Number(match[1]);
    assert.equal(match[2], `${server}/proposals/${proposal}`);
    const stored = await t.app.inject({ method: 'GET', url: `/api/proposals/${proposal}` });
    assert.equal(stored.json().author.name, 'alice');

    const before = await t.app.prisma.proposal.count();
    const bad = write('bad.json', grouping([{ ...FILE_READ, syscalls: ['opne'] }]));
    const refused = await dust(['propose', bad, '--title', 'Typo']);
    assert.equal(refused.status, 1);
    assert.ok(oneLine(refused), refused.stderr);
    assert.match(refused.stderr, /SYSCALL_UNKNOWN/);
    assert.equal(await t.app.prisma.proposal.count(), before, 'nothing was created');
  });

  it('comment, concern, a refused approval, then ack and approval', async () => {
    const comment = await dust(['comment', String(proposal), 'Why', 'fstat?'], as(bob));
    assert.equal(comment.status, 0, comment.stderr);
    const concern = await dust(['review', String(proposal), '--concern', 'fstat leaks'], as(bob));
    assert.equal(concern.status, 0, concern.stderr);
    const concernId = Number(/^review (\d+): concern/.exec(concern.stdout)?.[1]);

    const blocked = await dust(['approve', String(proposal)], as(mia));
    assert.equal(blocked.status, 1);
    assert.ok(oneLine(blocked), blocked.stderr);
    assert.match(blocked.stderr, /409/);

    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/reviews/${concernId}/resolve`,
      headers: bob.auth,
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    const ack = await dust(['review', String(proposal), '--ack'], as(bob));
    assert.equal(ack.status, 0, ack.stderr);
    // Acked, no open concern, on the baseline: it waits for a maintainer.
    const status = await dust(['status'], as(mia));
    assert.equal(status.status, 0, status.stderr);
    assert.match(
      status.stdout,
      new RegExp(`^#${proposal} File reading: ready to approve \\(since `, 'm'),
    );
    const approved = await dust(['approve', String(proposal)], as(mia));
    assert.equal(approved.status, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`^release 1: ${server}/releases/1$`, 'm'));
    assert.equal((await dust(['status'], as(mia))).stdout, 'nothing waits for you\n');
  });

  it('dust fetch release writes each patch and the mbox; release 0 has none', async () => {
    const run = await dust(['fetch', 'release', '1', '--out', 'r1'], {
      env: { DUST_SERVER: server },
    });
    assert.equal(run.status, 0, run.stderr);
    const mbox = readFileSync(path.join(dir, 'r1', 'series.mbox'), 'utf8');
    const served = await t.app.inject({ method: 'GET', url: '/api/releases/1/series.mbox' });
    assert.equal(mbox, served.body);
    assert.match(readFileSync(path.join(dir, 'r1', '0000-cover-letter.patch'), 'utf8'), /^From /);
    const none = await dust(['fetch', 'release', '0'], { env: { DUST_SERVER: server } });
    assert.equal(none.status, 1, none.stderr);
    assert.ok(oneLine(none), none.stderr);
  });

  it('a revision of an approved proposal is refused; setup problems exit 2', async () => {
    const next = write('next.json', grouping([FILE_READ, CLOCK]));
    const refused = await dust(['revise', String(proposal), next]);
    assert.equal(refused.status, 1);
    assert.ok(oneLine(refused), refused.stderr);
    const unreachable = await dust(['propose', next, '--title', 'x'], {
      env: { DUST_SERVER: 'http://127.0.0.1:9', DUST_TOKEN: alice.token },
    });
    assert.equal(unreachable.status, 2);
    assert.match(unreachable.stderr, /cannot reach/);
    const noToken = await dust(['comment', String(proposal), 'hi'], {
      env: { XDG_CONFIG_HOME: path.join(dir, 'nobody'), DUST_SERVER: server },
    });
    assert.equal(noToken.status, 2);
    assert.match(noToken.stderr, /no API token/);
    const usage = await dust(['review', String(proposal), '--ack', '--nak', 'x'], as(bob));
    assert.equal(usage.status, 2);
    assert.ok(oneLine(usage), usage.stderr);
  });
});
