import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_DIAGNOSTICS_PER_CODE, validateGrouping } from '../src/index';
import { flag, grouping, only } from './helpers';

/** Nothing a message says may break a line, hide or reorder text. */
const UNSAFE_IN_MESSAGE = /[\p{C}\p{Zl}\p{Zp}]/u;

function assertSafeMessages(diagnostics: readonly { message: string }[]): void {
  for (const d of diagnostics) {
    assert.doesNotMatch(d.message, UNSAFE_IN_MESSAGE, d.message);
    assert.ok(d.message.length < 1000, `message of ${d.message.length} characters`);
  }
}

describe('hostile input', () => {
  it('a 10 MB document with 100 000 unknown syscall entries: capped diagnostics', () => {
    const syscalls = Array.from({ length: 100_000 }, (_, i) => `*/ evil_${i} /* ${'x'.repeat(90)}`);
    const doc = grouping([flag('BIG', 0, syscalls)]);
    const text = JSON.stringify(doc);
    assert.ok(text.length > 10_000_000, `${text.length} bytes`);
    const result = validateGrouping(JSON.parse(text));
    assert.equal(result.valid, false);
    const unknown = only(result.diagnostics, 'SYSCALL_UNKNOWN');
    assert.equal(unknown.length, MAX_DIAGNOSTICS_PER_CODE);
    assert.equal(unknown[0]?.path, '/flags/0/syscalls/0');
    assert.equal(unknown.at(-1)?.path, `/flags/0/syscalls/${MAX_DIAGNOSTICS_PER_CODE - 1}`);
    const truncated = only(result.diagnostics, 'DIAGNOSTICS_TRUNCATED');
    assert.equal(truncated.length, 1);
    assert.equal(truncated[0]?.path, `/flags/0/syscalls/${MAX_DIAGNOSTICS_PER_CODE}`);
    assert.match(truncated[0]?.message ?? '', /^99900 more SYSCALL_UNKNOWN/);
    assertSafeMessages(result.diagnostics);
  });

  it('100 000 entries of one valid syscall: duplicates capped, still valid', () => {
    const result = validateGrouping(grouping([flag('BIG', 0, Array(100_000).fill('openat'))]));
    assert.equal(result.valid, true);
    assert.equal(only(result.diagnostics, 'SYSCALL_DUPLICATE').length, MAX_DIAGNOSTICS_PER_CODE);
    assert.equal(only(result.diagnostics, 'DIAGNOSTICS_TRUNCATED').length, 1);
  });

  it('100 000 flags: every rule still answers, capped per code', () => {
    const flags = Array.from({ length: 100_000 }, (_, i) =>
      flag(`F${i % 50}`, i, ['openat', 'fcntl']),
    );
    const result = validateGrouping(grouping(flags));
    assert.equal(result.valid, false);
    for (const code of ['FLAG_NAME_DUPLICATE', 'FLAG_BIT_RANGE', 'SYSCALL_FAMILY_SPLIT']) {
      assert.equal(only(result.diagnostics, code).length, MAX_DIAGNOSTICS_PER_CODE, code);
    }
    assert.equal(only(result.diagnostics, 'DIAGNOSTICS_TRUNCATED').length, 3);
  });

  it('comment markers, control characters and huge strings never escape into messages', () => {
    const nasty = [
      'open*/at',
      '/* x */',
      'a\nb',
      'nul\u0000',
      'esc\u001b[31mred',
      'bidi\u202eevil',
      'zw\u200bsp',
      'x'.repeat(5_000_000),
    ];
    const doc = grouping([
      flag('OK', 0, nasty, 'fine'),
      flag('bad\u001b[0m*/', 1, ['openat'], `desc */ \u0007 ${'y'.repeat(3_000_000)}`),
    ]);
    const result = validateGrouping(doc);
    assert.equal(result.valid, false);
    assert.equal(only(result.diagnostics, 'SYSCALL_UNKNOWN').length, nasty.length);
    assert.deepEqual(
      result.diagnostics.filter((d) => d.path.startsWith('/flags/1')).map((d) => d.code),
      ['FLAG_NAME_INVALID', 'DESCRIPTION_INVALID'],
    );
    assertSafeMessages(result.diagnostics);
    const opened = result.diagnostics.find((d) => d.path === '/flags/0/syscalls/0');
    assert.match(
      opened?.message ?? '',
      /"open\*\/at": no Linux 6\.1 table implements it; did you mean openat\?/,
    );
  });

  it('wrong types in bulk, deep nesting and __proto__ keys are SCHEMA errors', () => {
    const deep = `${'['.repeat(10_000)}"openat"${']'.repeat(10_000)}`;
    const text = `{"schema":"dust.grouping/v1","kernel":"6.1","__proto__":{"polluted":true},"policy":{"fork":"inherit"},"flags":[{"name":"A","bit":0,"description":"d","syscalls":[${deep},${Array(50_000).fill(7).join(',')}]}]}`;
    const result = validateGrouping(JSON.parse(text));
    assert.equal(result.valid, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const schema = only(result.diagnostics, 'SCHEMA');
    assert.equal(schema.length, MAX_DIAGNOSTICS_PER_CODE);
    assert.deepEqual(
      schema.slice(0, 2).map((d) => d.path),
      ['/flags/0/syscalls/0', '/flags/0/syscalls/1'],
    );
    assertSafeMessages(result.diagnostics);
    const small = validateGrouping(
      JSON.parse(
        '{"__proto__":1,"schema":"dust.grouping/v1","kernel":"6.1","policy":{"fork":"inherit","__proto__":2},"flags":[{"__proto__":3,"name":"A","bit":0,"description":"d","syscalls":["openat"]}]}',
      ),
    );
    assert.deepEqual(
      small.diagnostics.map((d) => [d.code, d.path]),
      [
        ['SCHEMA', '/policy/__proto__'],
        ['SCHEMA', '/flags/0/__proto__'],
        ['SCHEMA', '/__proto__'],
      ],
    );
  });
});
