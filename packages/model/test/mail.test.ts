import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  extractReplyText,
  findReplyTrailers,
  isTrailerOrConcernLine,
  matchThread,
  parseMessageIds,
  replyAncestors,
  splitMbox,
  type ThreadPoint,
  toMboxrd,
} from '../src/index';

describe('extractReplyText', () => {
  it('drops quoted lines, the attribution and the signature', () => {
    const reply = [
      'On Mon, 1 Dec 2026 10:00:00 +0000, Jane Doe <jane@example.org> wrote:',
      '> +#define SECCOMP_FLAG_FILE_READ (1UL << 0)',
      '> +#define SECCOMP_FLAG_NET (1UL << 1)',
      '',
      'Why is NET a single flag?  ',
      '',
      '',
      '> more quoted text',
      'Acked-by: Bob Builder <bob@example.org>',
      '',
      '-- ',
      'Bob',
      '> not quoted, the signature',
    ].join('\r\n');
    assert.equal(
      extractReplyText(reply),
      'Why is NET a single flag?\n\nAcked-by: Bob Builder <bob@example.org>',
    );
  });

  it('drops a wrapped attribution and Outlook-style original messages', () => {
    const reply = [
      'Looks fine.',
      '',
      'On Mon, 1 Dec 2026 at 10:00, Jane Doe',
      '<jane@example.org> wrote:',
      '>> nested quote',
      '> quote',
      '-----Original Message-----',
      'From: someone',
    ].join('\n');
    assert.equal(extractReplyText(reply), 'Looks fine.');
  });

  it('keeps a line ending in "wrote:" that does not introduce a quote', () => {
    assert.equal(extractReplyText('Linus wrote:\nsomething else'), 'Linus wrote:\nsomething else');
  });

  it('says nothing for a reply that only quotes', () => {
    assert.equal(extractReplyText('> all quoted\n>\n\n-- \nsig'), '');
  });
});

describe('findReplyTrailers', () => {
  it('finds each trailer kind with its key spelled the kernel way, name and address as written', () => {
    const found = findReplyTrailers(
      [
        'acked-by: Jane Q. Doe <Jane.Doe@Example.org>',
        'Reviewed-by: Bob <bob@example.org>',
        'Tested-by:Carol Tester <carol@example.org>',
        'NAKed-by: Dave <dave@example.org>',
        'Nacked-by: Erin <erin@example.org>',
        'Acked-by: Jane Q. Doe <Jane.Doe@Example.org>',
      ].join('\n'),
    );
    assert.deepEqual(
      found.trailers.map((t) => [t.kind, t.line]),
      [
        ['acked', 'Acked-by: Jane Q. Doe <Jane.Doe@Example.org>'],
        ['reviewed', 'Reviewed-by: Bob <bob@example.org>'],
        ['tested', 'Tested-by: Carol Tester <carol@example.org>'],
        ['nacked', 'NAKed-by: Dave <dave@example.org>'],
        ['nacked', 'Nacked-by: Erin <erin@example.org>'],
      ],
    );
    assert.deepEqual(found.concerns, []);
  });

  it('only takes lines that start with the key, and concerns', () => {
    const found = findReplyTrailers(
      [
        'I would say Acked-by: X <x@example.org> later',
        '  Acked-by: Indented <i@example.org>',
        'Concern: NET should be split into NET_CLIENT and NET_SERVER',
        'concern:   ',
        'Signed-off-by: Not Collected <s@example.org>',
      ].join('\n'),
    );
    assert.deepEqual(found.trailers, []);
    assert.deepEqual(found.concerns, ['NET should be split into NET_CLIENT and NET_SERVER']);
  });

  it('rejects trailers a series cannot carry, and says why', () => {
    const found = findReplyTrailers(
      [
        'Acked-by: <anon@example.org>',
        'Acked-by: "Doe, Jane" <jane@example.org>',
        'Acked-by: Jane <not-an-address>',
        'Acked-by: Jane',
        'Acked-by: Evil\u202eName <e@example.org>',
      ].join('\n'),
    );
    assert.deepEqual(found.trailers, []);
    assert.equal(found.rejected.length, 5);
    assert.match(found.rejected[0]?.reason ?? '', /no name/);
  });

  it('tells trailer and concern lines from other text', () => {
    assert.equal(isTrailerOrConcernLine('Acked-by: A <a@example.org>'), true);
    assert.equal(isTrailerOrConcernLine('Concern: x'), true);
    assert.equal(isTrailerOrConcernLine('Thanks!'), false);
  });
});

describe('thread matching', () => {
  it('parses message id headers', () => {
    assert.deepEqual(parseMessageIds('<a@x> \n\t<b@y>'), ['a@x', 'b@y']);
    assert.deepEqual(parseMessageIds('bare@x'), ['bare@x']);
    assert.deepEqual(parseMessageIds(undefined), []);
    assert.deepEqual(parseMessageIds('no id here'), []);
  });

  it('orders ancestors nearest first', () => {
    assert.deepEqual(replyAncestors(['p@x'], ['root@x', 'mid@x', 'p@x']), [
      'p@x',
      'mid@x',
      'root@x',
    ]);
  });

  it('takes the nearest known ancestor, so a reply to a reply answers its patch', () => {
    const patch2: ThreadPoint = {
      proposalId: 1,
      revisionId: 3,
      releaseId: null,
      patch: '0002-x.patch',
    };
    const cover: ThreadPoint = { proposalId: 1, revisionId: 3, releaseId: null, patch: null };
    const known = new Map([
      ['cover@dust', cover],
      ['reply@list', patch2],
    ]);
    assert.deepEqual(matchThread(['unknown@x', 'reply@list', 'cover@dust'], known), {
      ...patch2,
      parent: 'reply@list',
    });
    assert.equal(matchThread(['other@x'], known), undefined);
  });
});

describe('mbox', () => {
  it('splits mboxrd and format-patch files and round-trips escaped From lines', () => {
    const a = 'Subject: a\n\nFrom the start\n>From quoted\n';
    const b = 'Subject: b\n\nbody b\n';
    const file = toMboxrd([a, b]);
    assert.match(file, /^>From the start$/m);
    assert.match(file, /^>>From quoted$/m);
    assert.deepEqual(splitMbox(file), [a, b]);
    const patches =
      'From 0123 Mon Sep 17 00:00:00 2001\nSubject: p1\n\nx\nFrom abcd Mon Sep 17 00:00:00 2001\nSubject: p2\n\ny\n';
    assert.deepEqual(splitMbox(patches), ['Subject: p1\n\nx\n', 'Subject: p2\n\ny\n']);
  });

  it('takes a single message without a From line as it is', () => {
    assert.deepEqual(splitMbox('Subject: one\n\nhi\n'), ['Subject: one\n\nhi\n']);
    assert.deepEqual(splitMbox('  \n'), []);
  });
});
