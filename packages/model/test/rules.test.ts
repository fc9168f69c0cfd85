import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EmailSchema,
  emailProblem,
  findUnstorableText,
  multiLineText,
  multiLineTextProblem,
  oneLineText,
  oneLineTextProblem,
  unstorableTextProblem,
} from '../src/index';

describe('text rules', () => {
  it('refuses NUL and lone surrogates everywhere, keeps paired surrogates', () => {
    assert.match(unstorableTextProblem('a\u0000b') ?? '', /NUL/);
    assert.match(unstorableTextProblem('a\ud800') ?? '', /lone surrogate \(U\+D800/);
    assert.match(unstorableTextProblem('\udc00x') ?? '', /lone surrogate/);
    assert.equal(unstorableTextProblem('emoji 😀 and 中文'), undefined);
  });

  it('multi-line text keeps newlines and tabs, refuses other controls', () => {
    assert.equal(multiLineTextProblem('line 1\n\tline 2\r\n'), undefined);
    assert.match(multiLineTextProblem('bell\u0007') ?? '', /control character/);
    assert.match(multiLineTextProblem('esc\u001b[31m') ?? '', /control character/);
  });

  it('one-line text refuses line breaks, bidi controls and zero-width characters', () => {
    assert.equal(oneLineTextProblem('Group file reads (v2) — é'), undefined);
    assert.match(oneLineTextProblem('a\nb') ?? '', /line break/);
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
      assert.match(oneLineTextProblem(`x${String.fromCodePoint(cp)}y`) ?? '', /bidirectional/);
    assert.match(oneLineTextProblem('zero\u200bwidth') ?? '', /invisible/);
    assert.match(oneLineTextProblem('tab\there') ?? '', /control/);
  });

  it('zod helpers report the problem as an issue', () => {
    assert.equal(oneLineText().safeParse('ok').success, true);
    const bad = oneLineText().safeParse('a\u202eb');
    assert.equal(bad.success, false);
    assert.match(bad.error?.issues[0]?.message ?? '', /bidirectional/);
    assert.equal(multiLineText().safeParse('x\u0000').success, false);
  });

  it('finds the first unstorable string or key with its JSON Pointer', () => {
    assert.equal(findUnstorableText({ a: ['fine', { b: 'ok' }] }), undefined);
    assert.deepEqual(findUnstorableText({ a: ['fine', { b: 'x\u0000' }] }), {
      path: '/a/1/b',
      problem: 'contains a NUL character (U+0000 at position 1)',
    });
    assert.equal(findUnstorableText({ 'k/\ud800': 1 })?.path, '/k~1\ud800');
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    assert.match(findUnstorableText(deep)?.problem ?? '', /nested too deeply/);
  });
});

describe('email rule', () => {
  it('accepts what git and mail servers take', () => {
    for (const ok of [
      'kees@kernel.org',
      'a.b+tag@mail.example.co.uk',
      'x_y@sub-domain.example.org',
    ])
      assert.equal(emailProblem(ok), undefined, ok);
  });
  it('refuses what the renderer could not sign with', () => {
    for (const bad of [
      'm@foo-.com',
      'm@-foo.com',
      'm@foo',
      'm@foo..com',
      '.m@foo.com',
      'm.@foo.com',
      'a b@foo.com',
      'm@foo.c0m',
      '"q"@foo.com',
      'm<x>@foo.com',
      '@foo.com',
      'm@',
      `${'a'.repeat(65)}@foo.com`,
    ])
      assert.notEqual(emailProblem(bad), undefined, bad);
    assert.equal(EmailSchema.safeParse('m@foo-.com').success, false);
  });
});
