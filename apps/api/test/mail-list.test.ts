// The list end to end, with Debian's tools: an RFC posting reaches an SMTP
// server and is delivered into a real public-inbox; one reply comes back
// through POST /api/mail, another only through the archive (the lore
// follower fetches the thread's t.mbox.gz); the approval's series carries both
// trailers, `b4 am` accepts the received thread and `git am` applies the
// received patches to the prepared Linux 6.1 tree with those trailers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { toMboxrd } from '@dust/model';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping } from './fixtures';
import { b4Am, gitAmOnLinux, LINUX_TREE, linuxTreeAvailable } from './linux-tree';
import {
  drain,
  type MailWorkerHandle,
  mailOverrides,
  mailWorkerFor,
  type ReceivedMail,
  reply,
  type SmtpSink,
  startSmtpSink,
} from './mail-fixtures';
import { type PublicInbox, startPublicInbox } from './public-inbox';

const LIST = 'seccomp-flags@lists.example.org';

describe('mail through a real list archive (public-inbox), b4 and git am', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let inbox: PublicInbox | null;
  let mailer: MailWorkerHandle;
  let alice: TestUser;
  let maint: TestUser;

  before(async () => {
    smtp = await startSmtpSink();
    inbox = await startPublicInbox(LIST);
    t = await createTestApp(
      'pglite',
      mailOverrides(smtp.port, { listAddress: LIST, loreUrl: inbox?.url }),
    );
    mailer = mailWorkerFor(t);
    alice = await t.createUser('contributor', { name: 'alice', email: 'alice@example.org' });
    maint = await t.createUser('maintainer', { name: 'maint', email: 'maint@example.org' });
  });
  after(async () => {
    mailer?.close();
    await t?.close();
    await inbox?.stop();
    await smtp?.stop();
  });

  it('collects trailers from POST /api/mail and from the archive into the approved series', async (ctx) => {
    if (!inbox) return ctx.skip('public-inbox is not installed (apt-get install public-inbox)');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: alice.auth,
      payload: {
        title: 'Files and clocks',
        rationale: 'r',
        grouping: grouping([FILE_READ, CLOCK]),
      },
    });
    const id = created.json().id;
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${id}/revisions/1/post`,
      headers: alice.auth,
    });
    assert.equal(posted.statusCode, 202, posted.body);
    await drain(mailer.worker);
    const rfc = smtp.received.filter((m) => m.subject.startsWith('[RFC PATCH'));
    assert.equal(rfc.length, 6);
    // The list delivers what it received into its archive.
    for (const message of rfc) inbox.deliver(message.raw);

    const cover = rfc[0] as ReceivedMail;
    const byApi = reply({
      to: rfc[1] as ReceivedMail,
      from: 'Bob Reviewer <bob@outside.example.net>',
      references: [cover.messageId],
      text: 'Fine by me.\n\nReviewed-by: Bob Reviewer <bob@outside.example.net>',
    });
    const byArchive = reply({
      to: cover,
      from: 'Ana Tester <ana@outside.example.net>',
      text: 'Booted it under QEMU.\n\nTested-by: Ana Tester <ana@outside.example.net>',
    });
    inbox.deliver(byApi.raw);
    inbox.deliver(byArchive.raw);
    const ingested = await t.app.inject({
      method: 'POST',
      url: '/api/mail',
      headers: { ...maint.auth, 'content-type': 'message/rfc822' },
      payload: byApi.raw,
    });
    assert.equal(ingested.statusCode, 201, ingested.body);

    // The follower fetches <inbox>/<cover id>/t.mbox.gz: our six, Bob's (known), Ana's (new).
    const steps = await drain(mailer.worker);
    assert.ok(
      steps.some((s) => s.lore && s.lore.ingested === 1),
      JSON.stringify(steps),
    );
    const reviews = (await t.app.inject({ url: `/api/proposals/${id}/reviews` })).json();
    assert.deepEqual(
      reviews.map((r: { body: string; source: string }) => [r.source, r.body]).sort(),
      [
        ['mail', 'Reviewed-by: Bob Reviewer <bob@outside.example.net>'],
        ['mail', 'Tested-by: Ana Tester <ana@outside.example.net>'],
      ],
    );
    const fromArchive = await t.app.prisma.inboundMail.findUniqueOrThrow({
      where: { messageId: byArchive.messageId },
    });
    assert.equal(fromArchive.receivedVia, 'lore');
    assert.equal(fromArchive.patch, null, 'a reply to the cover letter is about the series');

    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${id}/revisions/1/approve`,
      headers: maint.auth,
    });
    assert.equal(approve.statusCode, 201, approve.body);
    await drain(mailer.worker);
    const series = smtp.received.filter((m) => /^\[PATCH v1 \d\/5\]/.test(m.subject));
    assert.equal(series.length, 6);
    for (const patch of series.slice(1)) {
      assert.match(patch.raw, /^Reviewed-by: Bob Reviewer <bob@outside\.example\.net>$/m);
      assert.match(patch.raw, /^Tested-by: Ana Tester <ana@outside\.example\.net>$/m);
    }

    if (!linuxTreeAvailable()) {
      return ctx.skip(`${LINUX_TREE} is missing (npm run kernel:setup): git am and b4 not run`);
    }
    const b4 = b4Am(toMboxrd(series.map((m) => m.raw)));
    if (b4) {
      assert.ok(b4.ok, b4.log);
      assert.match(b4.mbx, /^Tested-by: Ana Tester <ana@outside\.example\.net>$/m);
    }
    const applied = gitAmOnLinux(toMboxrd(series.slice(1).map((m) => m.raw)));
    assert.ok(applied.ok, applied.log);
    assert.equal(applied.count, 5);
    assert.match(
      applied.commits,
      /^alice <alice@example\.org>$/m,
      'the in-body From: is the author',
    );
    assert.match(applied.commits, /^Reviewed-by: Bob Reviewer <bob@outside\.example\.net>$/m);
    if (b4) {
      const fromB4 = gitAmOnLinux(b4.mbx);
      assert.ok(fromB4.ok, fromB4.log);
      assert.equal(fromB4.count, 5);
    }
  });
});
