// `dust mail ingest` (the real binary) against the real API listening on a
// port: an mbox of replies is split and posted message by message.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toMboxrd } from '@dust/model';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';
import {
  drain,
  mailOverrides,
  mailWorkerFor,
  type ReceivedMail,
  reply,
  type SmtpSink,
  startSmtpSink,
} from './mail-fixtures';

const DUST = fileURLToPath(new URL('../../cli/bin/dust.js', import.meta.url));

/** Runs the binary without blocking: the API it talks to runs in this process. */
function dust(
  args: string[],
  input: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DUST, ...args], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
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
    child.stdin.end(input);
  });
}

describe('dust mail ingest', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let maint: TestUser;
  let api: string;
  let patch: ReceivedMail;

  before(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp('pglite', mailOverrides(smtp.port));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const alice = await t.createUser('contributor', { email: 'alice@example.org' });
    maint = await t.createUser('maintainer');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: alice.auth,
      payload: { title: 'One flag', rationale: 'r', grouping: grouping([FILE_READ]) },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${created.json().id}/revisions/1/post`,
      headers: alice.auth,
    });
    const mailer = mailWorkerFor(t);
    await drain(mailer.worker);
    mailer.close();
    patch = smtp.received[1] as ReceivedMail;
  });
  after(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('posts each message of an mbox; a second run finds them all taken', async () => {
    const a = reply({
      to: patch,
      from: 'A <a@outside.example.net>',
      text: 'Acked-by: A <a@outside.example.net>',
    });
    const b = reply({ to: patch, from: 'B <b@outside.example.net>', text: 'Looks right to me.' });
    const mbox = toMboxrd([a.raw, b.raw]);
    const env = { DUST_API_URL: api, DUST_TOKEN: maint.token };
    const first = await dust(['mail', 'ingest'], mbox, env);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^message 1\/2 <.+>: ingested: ack — /m);
    assert.match(first.stdout, /^message 2\/2 <.+>: ingested: comment \d+ — /m);
    const second = await dust(['mail', 'ingest'], mbox, env);
    assert.equal(second.status, 0, second.stderr);
    assert.equal((second.stdout.match(/: duplicate — /g) ?? []).length, 2);
  });

  it('exits 1 on bad mail, 2 without a token or with a wrong one', async () => {
    const bad = await dust(['mail', 'ingest', '--api', api], 'no headers here\n', {
      DUST_TOKEN: maint.token,
    });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^message 1\/1: refused \(400\): Not a message/m);
    const noToken = await dust(['mail', 'ingest', '--api', api], 'x', { DUST_TOKEN: '' });
    assert.equal(noToken.status, 2);
    assert.equal(noToken.stderr.trim().split('\n').length, 1);
    assert.match(noToken.stderr, /DUST_TOKEN/);
    const wrong = await dust(['mail', 'ingest', '--api', api], 'From: a@b.org\n\nx\n', {
      DUST_TOKEN: 'dust_wrong',
    });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /refused the token \(401\)/);
    const usage = await dust(['mail', 'send'], '', {});
    assert.equal(usage.status, 2);
    assert.match((await dust(['mail', '--help'], '', {})).stdout, /Usage: dust mail ingest/);
  });
});
