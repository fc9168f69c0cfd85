// The outbox under failure: SMTP down during an approval loses nothing and the
// series goes out once the server is back; two workers on one PostgreSQL
// database never send one message twice.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { MailConfig } from '../src/config';
import { openDatabase } from '../src/db/open';
import { createSmtpSender } from '../src/mail/smtp-transport';
import { createTestApp, DB_KINDS, type TestApp } from '../src/testing';
import { MailWorker } from '../src/worker/mail/mail-worker';
import { CLOCK, FILE_READ, grouping } from './fixtures';
import { drain, freePort, mailOverrides, mailWorkerFor, startSmtpSink } from './mail-fixtures';

async function approvedProposal(t: TestApp, title: string) {
  const author = await t.createUser('contributor', { email: 'author@example.org' });
  const maint = await t.createUser('maintainer');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/proposals',
    headers: author.auth,
    payload: { title, rationale: 'r', grouping: grouping([FILE_READ, CLOCK]) },
  });
  assert.equal(created.statusCode, 201, created.body);
  const approve = await t.app.inject({
    method: 'POST',
    url: `/api/proposals/${created.json().id}/revisions/1/approve`,
    headers: maint.auth,
  });
  assert.equal(approve.statusCode, 201, approve.body);
  return approve.json().release as number;
}

for (const kind of DB_KINDS) {
  describe(`mail outbox on ${kind}: SMTP down during an approval`, () => {
    let t: TestApp;
    after(() => t?.close());

    it('approves, keeps the series queued with the error, and sends it when SMTP is back', async () => {
      const port = await freePort();
      t = await createTestApp(kind, mailOverrides(port));
      const mailer = mailWorkerFor(t);
      try {
        const release = await approvedProposal(t, 'Approved while SMTP is down');
        const steps = await drain(mailer.worker);
        assert.equal(steps[0]?.sent?.outcome, 'retry');
        const queued = (await t.app.inject({ url: `/api/releases/${release}` })).json();
        assert.equal(queued.mail.status, 'queued');
        assert.match(queued.mail.error, /ECONNECTION|ECONNREFUSED|connect/i);
        const deferred = await t.app.prisma.event.count({ where: { type: 'mail.deferred' } });
        assert.ok(deferred >= 1);

        const smtp = await startSmtpSink(port);
        try {
          // Backoff is 0.05 s doubling: within a few seconds the next try is due.
          const deadline = Date.now() + 20_000;
          let status = 'queued';
          while (status !== 'sent' && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 100));
            await drain(mailer.worker);
            status = (await t.app.inject({ url: `/api/releases/${release}` })).json().mail.status;
          }
          assert.equal(status, 'sent');
          const series = smtp.received.filter((m) => /^\[PATCH v1 \d\/5\]/.test(m.subject));
          assert.equal(series.length, 6);
          assert.equal(new Set(series.map((m) => m.messageId)).size, 6);
          const sent = (await t.app.inject({ url: `/api/releases/${release}` })).json().mail;
          assert.equal(sent.error, null);
        } finally {
          await smtp.stop();
        }
      } finally {
        mailer.close();
      }
    });
  });
}

describe('mail outbox on postgres: two instances', () => {
  let t: TestApp;
  after(() => t?.close());

  it('never sends a message twice, whatever the interleaving', async () => {
    const smtp = await startSmtpSink();
    t = await createTestApp('postgres', mailOverrides(smtp.port));
    const second = await openDatabase(t.config.database);
    const mail = t.config.mail as MailConfig;
    const senders = [createSmtpSender(mail.smtpUrl), createSmtpSender(mail.smtpUrl)] as const;
    try {
      const author = await t.createUser('contributor', { email: 'author@example.org' });
      const postings = 8;
      for (let i = 0; i < postings; i++) {
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/proposals',
          headers: author.auth,
          payload: { title: `RFC number ${i}`, rationale: 'r', grouping: grouping([FILE_READ]) },
        });
        const posted = await t.app.inject({
          method: 'POST',
          url: `/api/proposals/${created.json().id}/revisions/1/post`,
          headers: author.auth,
        });
        assert.equal(posted.statusCode, 202, posted.body);
      }
      const workers = [t.app.prisma, second.prisma].map(
        (prisma, i) =>
          new MailWorker({
            prisma,
            mail,
            send: (senders[i] ?? senders[0]).send,
            workerId: `w${i}`,
          }),
      );
      // Both drain at once, each on its own connection pool.
      await Promise.all(workers.map((w) => drain(w, 200)));
      const rfc = smtp.received.filter((m) => m.subject.startsWith('[RFC PATCH'));
      assert.equal(rfc.length, postings * 6);
      assert.equal(new Set(rfc.map((m) => m.messageId)).size, postings * 6);
      const unsent = await t.app.prisma.outboundMessage.count({ where: { sentAt: null } });
      assert.equal(unsent, 0);
      const sentBy = await t.app.prisma.event.findMany({ where: { type: 'mail.sent' } });
      const byWorker = new Set(sentBy.map((e) => (e.data as { worker: string }).worker));
      assert.deepEqual([...byWorker].sort(), ['w0', 'w1'], 'both instances took part');
    } finally {
      for (const s of senders) s.close();
      await second.close();
      await smtp.stop();
    }
  });
});
