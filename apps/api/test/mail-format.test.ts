// The mail formatting Dust does itself: addresses from user text, and a
// rendered patch turned into the message git send-email would send.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatListMessage } from '../src/mail/format-list-message';
import { decodeEncodedWords, formatMailbox } from '../src/mail/mailbox';

const PATCH = [
  'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001',
  'From: =?UTF-8?q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.org>',
  'Date: Sun, 11 Dec 2022 00:00:01 +0000',
  'Subject: [PATCH v2 1/5] seccomp: uapi: add SECCOMP_MODE_FLAGS and its flags',
  'Message-Id: <dust-r2-v2-abc-1@dust.invalid>',
  'In-Reply-To: <dust-r2-v2-abc-0@dust.invalid>',
  'References: <dust-r2-v2-abc-0@dust.invalid>',
  '',
  'Add the flags.',
  '',
  'Signed-off-by: Jürgen Müller <juergen@example.org>',
  '---',
  '',
].join('\n');

describe('formatMailbox', () => {
  it('keeps plain names, quotes special ones and encodes non-ASCII; a name never adds a header', () => {
    assert.equal(formatMailbox({ name: 'Dust', address: 'd@example.org' }), 'Dust <d@example.org>');
    assert.equal(
      formatMailbox({ name: 'Doe, "J"', address: 'd@example.org' }),
      '"Doe, \\"J\\"" <d@example.org>',
    );
    const hostile = formatMailbox({
      name: 'x\r\nBcc: victim@example.org',
      address: 'd@example.org',
    });
    assert.doesNotMatch(hostile, /[\r\n]/);
    assert.match(
      formatMailbox({ name: 'Jürgen', address: 'j@example.org' }),
      /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <j@example\.org>$/,
    );
    assert.equal(
      decodeEncodedWords(formatMailbox({ name: 'Jürgen Müller', address: 'j@x.org' })),
      'Jürgen Müller <j@x.org>',
    );
  });
});

describe('formatListMessage', () => {
  const base = {
    file: PATCH,
    sender: { name: 'Dust', address: 'dust@dust.example.org' },
    to: 'list@lists.example.org',
    date: new Date(Date.UTC(2026, 11, 1, 10, 0, 0)),
  };

  it('sends as git send-email: Dust as sender, the author in-body, ids and threading kept', () => {
    const { raw, messageId } = formatListMessage(base);
    assert.equal(messageId, 'dust-r2-v2-abc-1@dust.invalid');
    const [head, ...body] = raw.split('\n\n');
    assert.equal(
      head,
      [
        'From: Dust <dust@dust.example.org>',
        'To: list@lists.example.org',
        'Subject: [PATCH v2 1/5] seccomp: uapi: add SECCOMP_MODE_FLAGS and its flags',
        'Date: Tue, 1 Dec 2026 10:00:00 +0000',
        'Message-Id: <dust-r2-v2-abc-1@dust.invalid>',
        'In-Reply-To: <dust-r2-v2-abc-0@dust.invalid>',
        'References: <dust-r2-v2-abc-0@dust.invalid>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: 8bit',
      ].join('\n'),
    );
    assert.equal(body.join('\n\n').split('\n')[0], 'From: Jürgen Müller <juergen@example.org>');
  });

  it('gives an RFC posting its own ids and [RFC PATCH …] subjects', () => {
    const { raw, messageId } = formatListMessage({ ...base, rfc: { idPrefix: 'rfc-p1-n2.' } });
    assert.equal(messageId, 'rfc-p1-n2.dust-r2-v2-abc-1@dust.invalid');
    assert.match(raw, /^Subject: \[RFC PATCH v2 1\/5\] /m);
    assert.match(raw, /^In-Reply-To: <rfc-p1-n2\.dust-r2-v2-abc-0@dust\.invalid>$/m);
  });

  it('refuses a line SMTP cannot carry', () => {
    assert.throws(
      () => formatListMessage({ ...base, file: `${PATCH}${'x'.repeat(1200)}\n` }),
      /longer than 998 octets/,
    );
  });
});
