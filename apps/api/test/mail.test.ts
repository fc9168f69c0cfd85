// Mail end to end on both databases: an RFC posting and a release series reach
// a real SMTP server threaded as git send-email sends them; replies taken in
// through POST /api/mail become comments and reviews; their trailers are in the
// next approved series; notifications go out and can be turned off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping } from './fixtures';
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

function header(raw: string, name: string): string | undefined {
  const head = raw.split('\n\n')[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, 'im').exec(head);
  return match?.[1]?.replace(/\n[ \t]+/g, ' ').trim();
}

for (const kind of DB_KINDS) {
  describe(`mail on ${kind}`, () => {
    let t: TestApp;
    let smtp: SmtpSink;
    let mailer: MailWorkerHandle;
    let alice: TestUser;
    let carol: TestUser;
    let maint: TestUser;
    let proposalId: number;
    let rfc: ReceivedMail[];

    const post = (url: string, user: TestUser, payload?: object) =>
      t.app.inject({ method: 'POST', url, headers: user.auth, ...(payload ? { payload } : {}) });
    const ingest = (raw: string, user: TestUser = maint) =>
      t.app.inject({
        method: 'POST',
        url: '/api/mail',
        headers: { ...user.auth, 'content-type': 'message/rfc822' },
        payload: raw,
      });

    before(async () => {
      smtp = await startSmtpSink();
      t = await createTestApp(kind, mailOverrides(smtp.port));
      mailer = mailWorkerFor(t);
      alice = await t.createUser('contributor', { email: 'alice@example.org' });
      carol = await t.createUser('contributor', { email: 'Carol@Example.org' });
      maint = await t.createUser('maintainer', { email: 'maint@example.org' });
      const res = await post('/api/proposals', alice, {
        title: 'File reading and clocks',
        rationale: 'Two small flags to start with.',
        grouping: grouping([FILE_READ, CLOCK]),
      });
      assert.equal(res.statusCode, 201, res.body);
      proposalId = res.json().id;
      // Mail starts with this: events from before are never mailed.
      await drain(mailer.worker);
    });
    after(async () => {
      mailer?.close();
      await t?.close();
      await smtp?.stop();
    });

    it('says mail is on', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/mail' });
      assert.deepEqual(res.json(), {
        sending: true,
        list: 'seccomp-flags@lists.example.org',
        lore: null,
      });
    });

    it('posts a revision as an RFC, once, by its author or a maintainer', async () => {
      const bob = await t.createUser('contributor');
      const forbidden = await post(`/api/proposals/${proposalId}/revisions/1/post`, bob);
      assert.equal(forbidden.statusCode, 403);
      const res = await post(`/api/proposals/${proposalId}/revisions/1/post`, alice);
      assert.equal(res.statusCode, 202, res.body);
      const queued = res.json();
      assert.equal(queued.status, 'queued');
      assert.match(queued.messageId, /^rfc-p\d+-n1\.dust-r1-v1-[0-9a-f]{16}-0@dust\.invalid$/);
      const again = await post(`/api/proposals/${proposalId}/revisions/1/post`, maint);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().type, 'urn:dust:problem:already-posted');

      await drain(mailer.worker);
      rfc = smtp.received.filter((m) => m.subject.startsWith('[RFC PATCH'));
      assert.equal(rfc.length, 6);
      assert.deepEqual(
        rfc.map((m) => m.subject.replace(/\] .*/, ']')),
        [
          '[RFC PATCH v1 0/5]',
          '[RFC PATCH v1 1/5]',
          '[RFC PATCH v1 2/5]',
          '[RFC PATCH v1 3/5]',
          '[RFC PATCH v1 4/5]',
          '[RFC PATCH v1 5/5]',
        ],
      );
      const cover = rfc[0] as ReceivedMail;
      assert.equal(cover.messageId, queued.messageId);
      for (const patch of rfc.slice(1)) {
        assert.equal(header(patch.raw, 'In-Reply-To'), `<${cover.messageId}>`);
        assert.equal(header(patch.raw, 'References'), `<${cover.messageId}>`);
        assert.deepEqual(patch.to, ['seccomp-flags@lists.example.org']);
        assert.equal(patch.from, 'dust@dust.example.org');
        assert.equal(header(patch.raw, 'From'), 'Dust <dust@dust.example.org>');
        // git send-email's in-body From: the patch's author is not the sender.
        assert.match(
          patch.raw.split('\n\n').slice(1).join('\n\n'),
          /^From: \S+ <alice@example\.org>\n\n/,
        );
      }
      assert.match(cover.raw, /RFC: revision 1 of Dust proposal \d+/);
      assert.match(cover.raw, /https:\/\/dust\.example\.org\/proposals\/\d+/);

      const revision = await t.app.inject({ url: `/api/proposals/${proposalId}/revisions/1` });
      const mail = revision.json().mail;
      assert.equal(mail.status, 'sent');
      assert.equal(mail.messageId, cover.messageId);
      assert.ok(mail.sentAt);
    });

    it('takes in a reply as a comment on the patch it answers, and its trailers as reviews', async () => {
      const patch2 = rfc[2] as ReceivedMail;
      const carolReply = reply({
        to: patch2,
        from: 'Carol Reviewer <carol@example.org>',
        references: [(rfc[0] as ReceivedMail).messageId],
        text: 'The CLOCK flag should not grant getpid.\n\nAcked-by: Carol Reviewer <carol@example.org>',
      });
      const res = await ingest(carolReply.raw);
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.status, 'ingested');
      assert.equal(body.revision, 1);
      assert.match(body.patch, /^0002-/);
      assert.deepEqual(
        body.reviews.map((r: { verdict: string }) => r.verdict),
        ['ack'],
      );

      const again = await ingest(carolReply.raw);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().status, 'duplicate');

      const comments = (
        await t.app.inject({ url: `/api/proposals/${proposalId}/comments?limit=100` })
      ).json();
      const comment = comments.items.find((c: { id: number }) => c.id === body.commentId);
      assert.equal(comment.author.name, carol.name);
      assert.equal(comment.revision, 1);
      assert.equal(
        comment.body,
        'The CLOCK flag should not grant getpid.\n\nAcked-by: Carol Reviewer <carol@example.org>',
      );
      assert.deepEqual(comment.mail, {
        from: 'Carol Reviewer',
        viaAccount: true,
        messageId: carolReply.messageId,
        patch: body.patch,
      });
      const reviews = (await t.app.inject({ url: `/api/proposals/${proposalId}/reviews` })).json();
      assert.equal(reviews.length, 1);
      assert.equal(reviews[0].source, 'mail');
      assert.equal(reviews[0].author.name, carol.name);
    });

    it('shows people outside Dust by name "via mail"; a reply to a reply answers the same patch', async () => {
      const patch4 = rfc[4] as ReceivedMail;
      const first = reply({
        to: patch4,
        from: '"Dave Outsider" <dave@outside.example.net>',
        text: 'Reviewed-by: Dave Outsider <dave@outside.example.net>\nTested-by: Dave Outsider <dave@outside.example.net>',
      });
      const res = await ingest(first.raw);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().commentId, null, 'only trailers: the reviews say it all');
      assert.deepEqual(
        res.json().reviews.map((r: { verdict: string }) => r.verdict),
        ['ack', 'ack'],
      );

      const nested = reply({
        to: {
          ...patch4,
          messageId: first.messageId,
          subject: `Re: ${patch4.subject}`,
          raw: first.raw,
        },
        from: 'Erin <erin@outside.example.net>',
        references: [(rfc[0] as ReceivedMail).messageId, patch4.messageId],
        text: 'Concern: the docs patch should say what happens on exec',
      });
      // A final comment period running when the concern comes in by mail ends, naming it.
      const fcp = await post(`/api/proposals/${proposalId}/revisions/1/fcp`, maint, {
        disposition: 'reject',
      });
      assert.equal(fcp.statusCode, 201, fcp.body);
      const concern = await ingest(nested.raw);
      assert.equal(concern.statusCode, 201, concern.body);
      assert.equal((await t.app.inject({ url: `/api/proposals/${proposalId}` })).json().fcp, null);
      const cancelled = await t.app.prisma.event.findMany({
        where: { type: 'fcp.cancelled', proposalId },
      });
      assert.deepEqual(
        cancelled.map((e) => (e.data as { reason: string }).reason),
        ['concern'],
      );
      assert.equal(concern.json().patch, res.json().patch);
      assert.deepEqual(
        concern.json().reviews.map((r: { verdict: string }) => r.verdict),
        ['concern'],
      );
      const reviews = (await t.app.inject({ url: `/api/proposals/${proposalId}/reviews` })).json();
      const erin = reviews.find((r: { verdict: string }) => r.verdict === 'concern');
      assert.equal(erin.author.name, 'via mail');
      assert.equal(erin.mail.from, 'Erin');
      assert.equal(erin.mail.viaAccount, false);
      assert.equal(erin.body, 'the docs patch should say what happens on exec');

      // The concern blocks approval; only a maintainer can resolve one raised from outside.
      const blocked = await post(`/api/proposals/${proposalId}/revisions/1/approve`, maint);
      assert.equal(blocked.statusCode, 409);
      assert.equal(blocked.json().type, 'urn:dust:problem:open-concerns');
      assert.equal((await post(`/api/reviews/${erin.id}/resolve`, alice)).statusCode, 403);
      assert.equal((await post(`/api/reviews/${erin.id}/resolve`, maint)).statusCode, 200);
    });

    it('refuses bad mail with a problem and stores nothing; ignores mail about something else', async () => {
      const before = await t.app.prisma.inboundMail.count();
      const junk = await ingest('this is not a mail message at all');
      assert.equal(junk.statusCode, 400);
      assert.match(junk.headers['content-type'] as string, /application\/problem\+json/);
      const noId = await ingest('From: a@example.org\nSubject: hi\n\nbody\n');
      assert.equal(noId.statusCode, 400);
      assert.match(noId.json().detail, /Message-Id/);
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/mail',
        headers: maint.auth,
        payload: { raw: 'x' },
      });
      assert.equal(json.statusCode, 415);
      assert.equal((await ingest('From: a@example.org\n\nx', alice)).statusCode, 403);
      const other = await ingest(
        'From: a@example.org\nMessage-Id: <other@example.org>\nIn-Reply-To: <nothing@example.org>\nSubject: Re: lunch\n\nyes\n',
      );
      assert.equal(other.statusCode, 200);
      assert.equal(other.json().status, 'ignored');
      assert.equal(await t.app.prisma.inboundMail.count(), before);
      // Dust's own message coming back from the list changes nothing.
      const own = await ingest((rfc[1] as ReceivedMail).raw);
      assert.equal(own.json().status, 'own');
    });

    it('reads HTML mail as text and ignores attachments', async () => {
      const patch1 = rfc[1] as ReceivedMail;
      const raw = [
        'From: =?UTF-8?Q?Zo=C3=AB_Html?= <zoe@outside.example.net>',
        `Subject: Re: ${patch1.subject}`,
        'Message-Id: <html-reply@outside.example.net>',
        `In-Reply-To: <${patch1.messageId}>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Please <b>split</b> FILE_READ.<script>alert(1)</script><img src="https://tracker.example.net/x.png"></p>',
        '--b1',
        'Content-Type: application/octet-stream; name="secret.bin"',
        'Content-Disposition: attachment; filename="secret.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('ATTACHMENT-SECRET').toString('base64'),
        '--b1--',
        '',
      ].join('\n');
      const res = await ingest(raw);
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(res.json().commentId, res.body);
      const comments = (
        await t.app.inject({ url: `/api/proposals/${proposalId}/comments?limit=100` })
      ).json();
      const comment = comments.items.find((c: { id: number }) => c.id === res.json().commentId);
      assert.match(comment.body, /Please split FILE_READ\./i);
      assert.doesNotMatch(comment.body, /<b>|<script|<p>|ATTACHMENT-SECRET/);
      assert.equal(comment.mail.from, 'Zoë Html');
    });

    it('notifies the proposal author, with List-Unsubscribe, and stops when they opt out', async () => {
      await drain(mailer.worker);
      const toAlice = smtp.received.filter((m) => m.to.includes('alice@example.org'));
      assert.ok(toAlice.length >= 2, `alice got ${toAlice.length} notifications`);
      const first = toAlice[0] as ReceivedMail;
      assert.match(first.subject, /^\[Dust\] /);
      const unsubscribe = header(first.raw, 'List-Unsubscribe') ?? '';
      assert.match(unsubscribe, /^<https:\/\/dust\.example\.org\/api\/unsubscribe\/[\w-]+>$/);
      assert.equal(header(first.raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
      assert.equal(
        smtp.received.filter((m) => m.to.includes('carol@example.org')).length,
        0,
        'nobody is told about their own reviews',
      );

      const off = await t.app.inject({
        method: 'PATCH',
        url: '/api/me',
        headers: alice.auth,
        payload: { mailNotifications: false },
      });
      assert.equal(off.statusCode, 200, off.body);
      assert.deepEqual(off.json(), {
        email: 'alice@example.org',
        emailVerified: true,
        mailNotifications: false,
        mail: 'on',
      });
      const count = smtp.received.length;
      const comment = await post(`/api/proposals/${proposalId}/comments`, carol, {
        body: 'One more thing.',
      });
      assert.equal(comment.statusCode, 201);
      await drain(mailer.worker);
      assert.equal(
        smtp.received.slice(count).filter((m) => m.to.includes('alice@example.org')).length,
        0,
      );

      // One-click unsubscribe works for carol's link too (RFC 8058 POST).
      await t.app.inject({
        method: 'PATCH',
        url: '/api/me',
        headers: alice.auth,
        payload: { mailNotifications: true },
      });
      const token = /\/unsubscribe\/([\w-]+)>/.exec(unsubscribe)?.[1] as string;
      const click = await t.app.inject({
        method: 'POST',
        url: `/api/unsubscribe/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(click.statusCode, 200, click.body);
      assert.deepEqual(click.json(), { name: alice.name, mailNotifications: false });
      const browser = await t.app.inject({ url: `/api/unsubscribe/${token}` });
      assert.equal(browser.statusCode, 303);
      assert.equal(browser.headers.location, `https://dust.example.org/unsubscribe/${token}`);
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/api/unsubscribe/nosuchtoken0000000' }))
          .statusCode,
        404,
      );
    });

    it('lists what happened since you last looked, from the same events', async () => {
      const list = await t.app.inject({ url: '/api/me/notifications', headers: alice.auth });
      assert.equal(list.statusCode, 200, list.body);
      const page = list.json();
      assert.ok(page.unread > 0);
      const types = page.items.map((n: { type: string }) => n.type);
      assert.ok(types.includes('review.created'));
      assert.ok(types.includes('comment.created'));
      assert.ok(
        page.items.every((n: { actor: { id: number } | null }) => n.actor?.id !== alice.id),
      );
      assert.match(page.items[0].summary, /File reading and clocks/);
      const seen = await post('/api/me/notifications/seen', alice, { upTo: page.items[0].id });
      assert.equal(seen.statusCode, 204);
      const after = (
        await t.app.inject({ url: '/api/me/notifications', headers: alice.auth })
      ).json();
      assert.equal(after.unread, 0);
      assert.equal(after.items[0].unread, false);
    });

    it('sends the approved series threaded, carrying the list’s trailers exactly as written', async () => {
      const approve = await post(`/api/proposals/${proposalId}/revisions/1/approve`, maint);
      assert.equal(approve.statusCode, 201, approve.body);
      assert.deepEqual(approve.json().trailers, [
        'Acked-by: Carol Reviewer <carol@example.org>',
        'Reviewed-by: Dave Outsider <dave@outside.example.net>',
        'Tested-by: Dave Outsider <dave@outside.example.net>',
      ]);
      const queued = (await t.app.inject({ url: '/api/releases/1' })).json();
      assert.equal(queued.mail.status, 'queued');
      await drain(mailer.worker);
      const release = (await t.app.inject({ url: '/api/releases/1' })).json();
      assert.equal(release.mail.status, 'sent');
      const series = smtp.received.filter((m) => /^\[PATCH v1 \d\/5\]/.test(m.subject));
      assert.equal(series.length, 6);
      assert.equal(series[0]?.messageId, release.mail.messageId);
      const files = release.series.files as { name: string; url: string }[];
      for (const [i, message] of series.entries()) {
        const file = (await t.app.inject({ url: (files[i] as { url: string }).url })).body;
        assert.equal(header(message.raw, 'Message-Id'), header(file, 'Message-Id'));
        assert.equal(header(message.raw, 'Subject'), header(file, 'Subject'));
        if (i > 0) {
          assert.match(message.raw, /^Acked-by: Carol Reviewer <carol@example\.org>$/m);
          assert.match(message.raw, /^Tested-by: Dave Outsider <dave@outside\.example\.net>$/m);
          assert.equal(header(message.raw, 'In-Reply-To'), `<${series[0]?.messageId}>`);
        }
      }
    });
  });
}
