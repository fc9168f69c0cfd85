import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importSystemdSyscallFilter, validateGrouping } from '../src/index';
import { fixtureText, systemdGrouping } from './helpers';

const SAMPLE = `@default
    # System calls that are always permitted
    brk
    exit
    execve

@basic-io
    # Basic IO
    read
    dup
    pwritev2
    alpha_only_call

@io
    # Composite
    @basic-io
    @default
    @nowhere
    close

@known
    # All known syscalls declared in the kernel
    @basic-io
    brk

# Ungrouped System Calls (known but not included in any of the groups except @known):
#   syslog
`;

describe('importSystemdSyscallFilter', () => {
  it('turns groups into flags, in order, with their comment as description', () => {
    const { grouping, diagnostics } = importSystemdSyscallFilter(SAMPLE);
    assert.deepEqual(grouping.policy, { fork: 'inherit', exec: 'keep' });
    assert.deepEqual(
      grouping.flags.map((f) => [f.name, f.bit, f.description, f.syscalls]),
      [
        ['DEFAULT', 0, 'System calls that are always permitted', ['brk', 'execve']],
        ['BASIC_IO', 1, 'Basic IO', ['dup', 'pwritev2']],
        ['IO', 2, 'Composite', ['dup', 'pwritev2', 'brk', 'execve', 'close']],
      ],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.code, d.path]),
      [
        ['info', 'IMPORT_BASE_DROPPED', '/flags/0/syscalls'],
        ['info', 'IMPORT_SYSCALL_DROPPED', '/flags/1/syscalls'],
        ['info', 'IMPORT_BASE_DROPPED', '/flags/1/syscalls'],
        ['warning', 'IMPORT_REFERENCE_UNKNOWN', ''],
        ['info', 'IMPORT_SYSCALL_DROPPED', '/flags/2/syscalls'],
        ['info', 'IMPORT_BASE_DROPPED', '/flags/2/syscalls'],
        ['info', 'IMPORT_GROUP_EXCLUDED', ''],
      ],
    );
    assert.match(diagnostics[1]?.message ?? '', /"alpha_only_call"/);
    assert.equal(validateGrouping(grouping).valid, true);
  });

  it('reproduces the committed fixture from the captured systemd output', () => {
    const { grouping, diagnostics } = importSystemdSyscallFilter(
      fixtureText('systemd-syscall-filter.txt'),
    );
    assert.deepEqual(grouping, systemdGrouping());
    assert.deepEqual(
      diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
    assert.ok(grouping.flags.length >= 20 && grouping.flags.length <= 32);
    const distinct = new Set(grouping.flags.flatMap((f) => f.syscalls));
    assert.ok(distinct.size >= 300, `${distinct.size} syscalls`);
    const names = grouping.flags.map((f) => f.name);
    assert.ok(
      names.includes('BASIC_IO') && names.includes('FILE_SYSTEM') && names.includes('PROCESS'),
    );
    assert.ok(!names.includes('KNOWN') && !names.includes('SYSTEM_SERVICE'));
  });

  it('the fixture validates with no errors', () => {
    const result = validateGrouping(systemdGrouping());
    assert.equal(result.valid, true);
  });

  it('can keep groups that are excluded by default', () => {
    const { grouping } = importSystemdSyscallFilter(SAMPLE, { exclude: [] });
    assert.equal(grouping.flags.at(-1)?.name, 'KNOWN');
  });

  it('reports text that is not systemd output, without throwing', () => {
    for (const text of ['', 'hello world', '{"schema": 1}', '\u0000\u0001\n\n']) {
      const { grouping, diagnostics } = importSystemdSyscallFilter(text);
      assert.deepEqual(grouping.flags, []);
      assert.ok(diagnostics.some((d) => d.code === 'IMPORT_NO_GROUPS' && d.severity === 'error'));
    }
    const { diagnostics } = importSystemdSyscallFilter(
      'junk line\n@ok\n    dup\n    not a name!\n',
    );
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IMPORT_LINE_IGNORED', 'IMPORT_LINE_IGNORED'],
    );
  });

  it('keeps an entry that stderr output was glued onto', () => {
    const text =
      "@a\n    # A\n    dup\n    set_tid_address# Not showing unlisted system calls, couldn't retrieve kernel system call list: No such file or directory\n";
    const { grouping, diagnostics } = importSystemdSyscallFilter(text);
    assert.deepEqual(grouping.flags[0]?.syscalls, ['dup', 'set_tid_address']);
    assert.deepEqual(diagnostics, []);
  });

  it('resolves reference cycles and drops empty groups', () => {
    const text =
      '@a\n    # A\n    @b\n    dup\n\n@b\n    # B\n    @a\n    pipe2\n\n@empty\n    # none\n    alpha_only\n';
    const { grouping, diagnostics } = importSystemdSyscallFilter(text);
    assert.deepEqual(
      grouping.flags.map((f) => [f.name, f.syscalls]),
      [
        ['A', ['pipe2', 'dup']],
        ['B', ['dup', 'pipe2']],
      ],
    );
    assert.ok(diagnostics.some((d) => d.code === 'IMPORT_GROUP_EMPTY'));
  });

  it('refuses an unknown kernel', () => {
    const { diagnostics } = importSystemdSyscallFilter(SAMPLE, { kernel: '2.6' });
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['KERNEL_UNSUPPORTED'],
    );
  });
});
