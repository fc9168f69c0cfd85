import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syscallArches, validateGrouping } from '../src/index';
import { codes, flag, goodGrouping, grouping, only, systemdGrouping } from './helpers';

function check(doc: unknown) {
  return validateGrouping(doc);
}

describe('validateGrouping: good documents', () => {
  it('accepts the good grouping with no diagnostics and returns it', () => {
    const result = check(goodGrouping());
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.valid, true);
    assert.deepEqual(result.grouping, goodGrouping());
  });

  it('accepts the systemd-derived grouping without errors', () => {
    const result = check(systemdGrouping());
    assert.equal(result.valid, true);
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  it('does not modify its input and is deterministic', () => {
    const doc = grouping([flag('A', 0, ['fcntl', 'nosuch', 'read']), flag('a', 0, [])]);
    const copy = structuredClone(doc);
    const first = check(doc);
    assert.deepEqual(doc, copy);
    assert.deepEqual(check(doc), first);
  });
});

describe('SCHEMA', () => {
  it('reports non-objects at the document root', () => {
    for (const doc of [null, [], 'grouping', 42, undefined]) {
      const result = check(doc);
      assert.equal(result.valid, false);
      assert.deepEqual(codes(result.diagnostics), ['SCHEMA']);
      assert.equal(result.diagnostics[0]?.path, '');
      assert.equal(result.grouping, undefined);
    }
  });

  it('points at missing fields, wrong types and unknown keys', () => {
    const doc = {
      schema: 'dust.grouping/v1',
      kernel: '6.1',
      extra: true,
      flags: [{ name: 'A', bit: '3', description: 'd', syscalls: ['openat', 7], colour: 'red' }],
    };
    const result = check(doc);
    assert.equal(result.valid, false);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.path]),
      [
        ['SCHEMA', '/flags/0/bit'],
        ['SCHEMA', '/flags/0/syscalls/1'],
        ['SCHEMA', '/flags/0/colour'],
        ['SCHEMA', '/extra'],
      ],
    );
    assert.match(result.diagnostics[0]?.message ?? '', /Expected a number, got a string/);
    const noKernel = check({ schema: 'dust.grouping/v1', flags: [] });
    assert.deepEqual(
      noKernel.diagnostics.map((d) => [d.code, d.path]),
      [['SCHEMA', '/kernel']],
    );
    assert.match(noKernel.diagnostics[0]?.message ?? '', /Missing required field/);
  });

  it('rejects another schema id and fractional bits as SCHEMA', () => {
    const wrongId = { ...goodGrouping(), schema: 'dust.grouping/v2' };
    assert.deepEqual(
      check(wrongId).diagnostics.map((d) => [d.code, d.path]),
      [['SCHEMA', '/schema']],
    );
    const fractional = grouping([flag('A', 1.5, ['openat'])]);
    assert.deepEqual(
      check(fractional).diagnostics.map((d) => [d.code, d.path]),
      [['SCHEMA', '/flags/0/bit']],
    );
  });

  it('escapes "/" and "~" of unknown keys in the path and quotes them in the message', () => {
    const result = check({ ...goodGrouping(), 'a/b~c\n': 1 });
    assert.equal(result.diagnostics[0]?.path, '/a~1b~0c\n');
    assert.match(result.diagnostics[0]?.message ?? '', /"a\/b~c\\u000a"/);
    assert.doesNotMatch(result.diagnostics[0]?.message ?? '', /\n/);
  });
});

describe('KERNEL_UNSUPPORTED', () => {
  it('fires for a kernel without tables and skips name checks', () => {
    const doc = { ...grouping([flag('A', 0, ['no_such_call'])]), kernel: '5.10' };
    const result = check(doc);
    assert.deepEqual(codes(result.diagnostics), ['KERNEL_UNSUPPORTED']);
    assert.equal(result.diagnostics[0]?.path, '/kernel');
    assert.match(result.diagnostics[0]?.message ?? '', /supported: 6\.1/);
  });
});

describe('flag rules', () => {
  it('FLAG_NAME_INVALID with a suggestion', () => {
    for (const name of ['file_read', '1ABC', '', 'A'.repeat(33), 'FILE-READ', 'ÄB', 'A\n']) {
      const result = check(grouping([flag(name, 0, ['openat'], 'A flag')]));
      assert.deepEqual(codes(result.diagnostics), ['FLAG_NAME_INVALID'], name);
      assert.equal(result.diagnostics[0]?.path, '/flags/0/name');
    }
    const hinted = check(grouping([flag('file-read', 0, ['openat'])]));
    assert.match(hinted.diagnostics[0]?.message ?? '', /did you mean FILE_READ\?/);
    assert.deepEqual(check(grouping([flag('A'.repeat(32), 0, ['openat'])])).diagnostics, []);
  });

  it('FLAG_NAME_DUPLICATE at the later flag', () => {
    const result = check(grouping([flag('A', 0, ['openat']), flag('A', 1, ['close'])]));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.path]),
      [['FLAG_NAME_DUPLICATE', '/flags/1/name']],
    );
    assert.match(result.diagnostics[0]?.message ?? '', /\/flags\/0/);
  });

  it('FLAG_BIT_DUPLICATE at the later flag', () => {
    const result = check(grouping([flag('A', 4, ['openat']), flag('B', 4, ['close'])]));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.path]),
      [['FLAG_BIT_DUPLICATE', '/flags/1/bit']],
    );
  });

  it('FLAG_BIT_RANGE below 0, above 31 and beyond safe integers', () => {
    for (const bit of [-1, 32, 1000, 2 ** 60]) {
      const result = check(grouping([flag('A', bit, ['openat'])]));
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.path]),
        [['FLAG_BIT_RANGE', '/flags/0/bit']],
        String(bit),
      );
    }
    assert.deepEqual(
      check(grouping([flag('A', 31, ['openat']), flag('B', 0, ['close'])])).diagnostics,
      [],
    );
  });

  it('DESCRIPTION_INVALID for line breaks, controls, invisible characters, length', () => {
    const bad = [
      'two\nlines',
      'cr\r',
      'tab\there',
      'nul\u0000',
      'del\u007f',
      'c1\u0085',
      'bidi\u202eevil',
      'isolate\u2066x',
      'zero\u200bwidth',
      'bom\ufeff',
      'line\u2028sep',
      'lone\ud800surrogate',
      '',
      '   ',
      'x'.repeat(201),
    ];
    for (const description of bad) {
      const result = check(grouping([flag('A', 0, ['openat'], description)]));
      assert.deepEqual(
        codes(result.diagnostics),
        ['DESCRIPTION_INVALID'],
        JSON.stringify(description),
      );
      assert.equal(result.diagnostics[0]?.path, '/flags/0/description');
      assert.doesNotMatch(result.diagnostics[0]?.message ?? '', /[\p{C}\p{Zl}\p{Zp}]/u);
    }
    const newline = check(grouping([flag('A', 0, ['openat'], 'a\nb')]));
    assert.match(newline.diagnostics[0]?.message ?? '', /line break \(U\+000A at position 1\)/);
    const good = [
      'é'.repeat(200),
      '中'.repeat(200),
      'Files: open/close */ and more',
      'emoji 🙂 ok',
      'x'.repeat(200),
    ];
    for (const description of good) {
      assert.deepEqual(
        check(grouping([flag('A', 0, ['openat'], description)])).diagnostics,
        [],
        description,
      );
    }
  });

  it('FLAG_EMPTY for a flag without syscalls', () => {
    const result = check(grouping([flag('A', 0, [])]));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.severity, d.code, d.path]),
      [['warning', 'FLAG_EMPTY', '/flags/0/syscalls']],
    );
    assert.equal(result.valid, true);
  });
});

describe('policy rules', () => {
  it('EXEC_POLICY_REQUIRED when execve or execveat is granted without policy.exec', () => {
    for (const call of ['execve', 'execveat']) {
      const result = check(
        grouping([flag('A', 0, ['openat']), flag('RUN', 1, [call])], { fork: 'inherit' }),
      );
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.path]),
        [['EXEC_POLICY_REQUIRED', '/policy']],
      );
      assert.match(
        result.diagnostics[0]?.message ?? '',
        new RegExp(`"RUN" grants ${call} \\(/flags/1\\)`),
      );
    }
    assert.deepEqual(
      check(grouping([flag('A', 0, ['openat'])], { fork: 'inherit' })).diagnostics,
      [],
    );
  });

  it('policy may be omitted: fork is inherit, and the exec rule reports its own code', () => {
    const withoutPolicy = { schema: 'dust.grouping/v1', kernel: '6.1', flags: [] };
    const empty = check(withoutPolicy);
    assert.deepEqual(empty.diagnostics, []);
    assert.deepEqual(empty.grouping?.policy, { fork: 'inherit' });
    const runs = check({ ...withoutPolicy, flags: [flag('RUN', 0, ['execve'])] });
    assert.deepEqual(
      runs.diagnostics.map((d) => [d.code, d.path]),
      [['EXEC_POLICY_REQUIRED', '']],
    );
    const forkless = check({ ...withoutPolicy, policy: { exec: 'keep' }, flags: [] });
    assert.deepEqual(forkless.diagnostics, []);
    assert.deepEqual(forkless.grouping?.policy, { fork: 'inherit', exec: 'keep' });
    const execOnly = check({ ...withoutPolicy, policy: {}, flags: [flag('RUN', 0, ['execveat'])] });
    assert.deepEqual(
      execOnly.diagnostics.map((d) => [d.code, d.path]),
      [['EXEC_POLICY_REQUIRED', '/policy']],
    );
  });

  it('EXEC_POLICY_INVALID for anything but keep, per-task and reset-to-base', () => {
    const result = check(grouping([flag('A', 0, ['openat'])], { fork: 'inherit', exec: 'drop' }));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.path]),
      [['EXEC_POLICY_INVALID', '/policy/exec']],
    );
    assert.match(result.diagnostics[0]?.message ?? '', /"keep", "per-task" or "reset-to-base"/);
    const reset = grouping([flag('A', 0, ['execve'])], { fork: 'inherit', exec: 'reset-to-base' });
    assert.deepEqual(check(reset).diagnostics, []);
    const perTask = grouping([flag('A', 0, ['execve'])], { fork: 'inherit', exec: 'per-task' });
    assert.deepEqual(check(perTask).diagnostics, []);
    assert.equal(check(perTask).grouping?.policy.exec, 'per-task');
  });

  it('FORK_POLICY_INVALID for anything but inherit', () => {
    const result = check(grouping([flag('A', 0, ['openat'])], { fork: 'none', exec: 'keep' }));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.path]),
      [['FORK_POLICY_INVALID', '/policy/fork']],
    );
  });
});

describe('syscall rules', () => {
  it('SYSCALL_UNKNOWN with did you mean', () => {
    const cases: [string, RegExp][] = [
      ['opneat', /did you mean openat\?/],
      ['OPENAT', /did you mean openat\?/],
      ['sys_openat', /did you mean openat\?/],
      ['__NR_fstat', /did you mean fstat\?/],
      ['clock_gettime32', /did you mean clock_gettime and clock_gettime64\?/],
      ['xyzzyplugh', /no Linux 6\.1 table implements it\.$/],
    ];
    for (const [name, pattern] of cases) {
      const result = check(grouping([flag('A', 0, ['openat', name])]));
      assert.deepEqual(
        result.diagnostics.map((d) => [d.severity, d.code, d.path]),
        [['error', 'SYSCALL_UNKNOWN', '/flags/0/syscalls/1']],
        name,
      );
      assert.match(result.diagnostics[0]?.message ?? '', pattern, name);
    }
  });

  it('treats reserved slots (no entry point on any arch) as unknown', () => {
    const result = check(grouping([flag('A', 0, ['afs_syscall', 'nfsservctl'])]));
    assert.deepEqual(codes(result.diagnostics), ['SYSCALL_UNKNOWN', 'SYSCALL_UNKNOWN']);
  });

  it('SYSCALL_DUPLICATE for the same syscall twice in one flag, not across flags', () => {
    const result = check(
      grouping([flag('A', 0, ['openat', 'close', 'openat']), flag('B', 1, ['openat'])]),
    );
    assert.deepEqual(
      result.diagnostics.map((d) => [d.severity, d.code, d.path]),
      [['warning', 'SYSCALL_DUPLICATE', '/flags/0/syscalls/2']],
    );
    assert.match(result.diagnostics[0]?.message ?? '', /\/flags\/0\/syscalls\/0/);
  });

  it('SYSCALL_BASE: a warning where always allowed, info where base on some arches', () => {
    const result = check(grouping([flag('A', 0, ['read', 'write', 'exit'])]));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.severity, d.code, d.path]),
      [
        ['warning', 'SYSCALL_BASE', '/flags/0/syscalls/0'],
        ['warning', 'SYSCALL_BASE', '/flags/0/syscalls/1'],
        ['warning', 'SYSCALL_BASE', '/flags/0/syscalls/2'],
      ],
    );
    const sig = check(grouping([flag('A', 0, ['rt_sigreturn', 'sigreturn'])]));
    const base = only(sig.diagnostics, 'SYSCALL_BASE');
    assert.deepEqual(
      base.map((d) => [d.severity, d.path]),
      [
        ['info', '/flags/0/syscalls/0'],
        ['info', '/flags/0/syscalls/1'],
      ],
    );
    assert.ok(base[1]?.arch?.includes('i386'));
    assert.ok(!base[0]?.arch?.includes('i386'));
  });

  it('SYSCALL_ARCH_PARTIAL lists the arches where the call exists', () => {
    const result = check(grouping([flag('A', 0, ['openat', 'arch_prctl'])]));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.severity, d.code, d.path]),
      [['warning', 'SYSCALL_ARCH_PARTIAL', '/flags/0/syscalls/1']],
    );
    assert.deepEqual(result.diagnostics[0]?.arch, syscallArches('6.1', 'arch_prctl'));
    assert.deepEqual(result.diagnostics[0]?.arch, ['x86_64', 'i386', 'x32']);
  });

  it('SYSCALL_ARCH_PARTIAL says when variants in the flag still leave arches uncovered', () => {
    const result = check(grouping([flag('OWN', 0, ['chown', 'chown32'])]));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.path]),
      [
        ['SYSCALL_ARCH_PARTIAL', '/flags/0/syscalls/0'],
        ['SYSCALL_ARCH_PARTIAL', '/flags/0/syscalls/1'],
      ],
    );
    assert.match(
      result.diagnostics[0]?.message ?? '',
      /^chown exists on .* only, not on arm64 and riscv64\.$/,
    );
    assert.match(
      result.diagnostics[1]?.message ?? '',
      /^chown32 exists on i386 and arm only; with its variants in this flag, arm64 and riscv64 still get none\.$/,
    );
    assert.deepEqual(result.diagnostics[1]?.arch, ['i386', 'arm']);
  });

  it('SYSCALL_ARCH_PARTIAL is silent when the family covers the other arches', () => {
    // fcntl64 exists on 32-bit arches only; with fcntl every arch has a variant.
    assert.deepEqual(check(grouping([flag('A', 0, ['fcntl', 'fcntl64'])])).diagnostics, []);
  });

  it('SYSCALL_FAMILY_SPLIT when a flag grants only part of a family', () => {
    const result = check(grouping([flag('A', 0, ['openat', 'fcntl'])]));
    const split = only(result.diagnostics, 'SYSCALL_FAMILY_SPLIT');
    assert.deepEqual(
      split.map((d) => [d.severity, d.path]),
      [['warning', '/flags/0/syscalls/1']],
    );
    assert.match(
      split[0]?.message ?? '',
      /fcntl is half-granted: "A" grants fcntl but not fcntl64/,
    );
    assert.deepEqual(split[0]?.arch, syscallArches('6.1', 'fcntl64'));
  });

  it('SYSCALL_FAMILY_SPLIT names the other flag when variants are split across flags', () => {
    const result = check(
      grouping([flag('TIME', 0, ['clock_gettime']), flag('TIME64', 1, ['clock_gettime64'])]),
    );
    const split = only(result.diagnostics, 'SYSCALL_FAMILY_SPLIT');
    assert.deepEqual(
      split.map((d) => d.path),
      ['/flags/0/syscalls/0', '/flags/1/syscalls/0'],
    );
    assert.match(
      split[0]?.message ?? '',
      /split across flags: "TIME" grants clock_gettime, but clock_gettime64 in "TIME64" \(\/flags\/1\)/,
    );
    assert.match(split[1]?.message ?? '', /clock_gettime in "TIME" \(\/flags\/0\)/);
  });
});

describe('ordering and options', () => {
  it('orders diagnostics by path: document order, indices numerically', () => {
    const flags = Array.from({ length: 12 }, (_, i) => flag(`F${i}`, i, ['openat']));
    (flags[10] as { description: string }).description = 'bad\nline';
    (flags[2] as { syscalls: string[] }).syscalls = ['nosuch'];
    (flags[2] as { name: string }).name = 'bad';
    const result = check(grouping(flags, { fork: 'x', exec: 'keep' }));
    assert.deepEqual(
      result.diagnostics.map((d) => d.path),
      ['/policy/fork', '/flags/2/name', '/flags/2/syscalls/0', '/flags/10/description'],
    );
  });

  it('appends the compatibility check when given a baseline', () => {
    const baseline = goodGrouping();
    const candidate = goodGrouping();
    candidate.flags[0]?.syscalls.pop();
    const result = validateGrouping(candidate, { baseline });
    assert.equal(result.valid, false);
    assert.ok(codes(result.diagnostics).includes('COMPAT_SYSCALL_REMOVED'));
    assert.ok(codes(result.diagnostics).includes('SYSCALL_FAMILY_SPLIT'));
    assert.deepEqual(validateGrouping(goodGrouping(), { baseline }).diagnostics, []);
  });
});
