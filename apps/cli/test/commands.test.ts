import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getSyscallTable } from '@dust/model/syscalls/tables';
import { grouping, isOneLineError, runDust, tempDir } from './run-dust';

const tmp = tempDir();
after(() => tmp.cleanup());

const flag = (name: string, bit: number, syscalls: string[]) => ({
  name,
  bit,
  description: `Flag at bit ${bit}`,
  syscalls,
});

describe('dust syscalls', () => {
  it('--json lists exactly the kernel table of the arch', () => {
    const result = runDust(['syscalls', '--kernel', '6.1', '--arch', 'x86_64', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const listing = JSON.parse(result.stdout);
    assert.equal(listing.arch, 'x86_64');
    const expected = (getSyscallTable('6.1', 'x86_64') ?? []).map((row) => ({
      ...row,
      implemented: row.entry !== null,
    }));
    assert.deepEqual(listing.syscalls, expected);
    const openat = listing.syscalls.find((row: { name: string }) => row.name === 'openat');
    assert.deepEqual(openat, {
      name: 'openat',
      number: 257,
      abi: 'common',
      entry: 'sys_openat',
      implemented: true,
    });
  });

  it('prints one line per row, reserved slots marked', () => {
    const result = runDust(['syscalls', '--arch', 'arm64']);
    assert.equal(result.status, 0, result.stderr);
    const rows = result.stdout.split('\n').filter((line) => /^\s*\d+ /.test(line));
    assert.equal(rows.length, getSyscallTable('6.1', 'arm64')?.length);
    assert.match(result.stdout, /\n\s+56 {2}openat +common +yes\n/);
    assert.match(result.stdout, /\n\s+42 {2}nfsservctl +common +no \(reserved\)\n/);
  });

  it('rejects an unknown arch or kernel with one line', () => {
    for (const args of [['--arch', 'vax'], ['--arch', 'x86_64', '--kernel', '2.6'], []]) {
      assert.ok(isOneLineError(runDust(['syscalls', ...args])), args.join(' '));
    }
  });
});

describe('dust diff', () => {
  const a = tmp.write(
    'a.json',
    grouping([flag('FILE_READ', 0, ['openat', 'close']), flag('NET', 1, ['socket', 'connect'])]),
  );
  const b = tmp.write(
    'b.json',
    grouping([
      flag('FILE_READ', 0, ['openat', 'close', 'pread64']),
      flag('NETWORK', 1, ['socket']),
      flag('CONNECT', 2, ['connect']),
    ]),
  );

  it('shows renames, additions and moves', () => {
    const result = runDust(['diff', a, b]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /flag bit 1 renamed NET -> NETWORK/);
    assert.match(result.stdout, /\+ flag CONNECT \(bit 2\) added: connect/);
    assert.match(result.stdout, /\+ flag FILE_READ permits pread64/);
    assert.match(result.stdout, /syscall connect moved from NET to CONNECT/);
  });

  it('--json prints the structured diff; identical inputs say so', () => {
    const diff = JSON.parse(runDust(['diff', a, b, '--json']).stdout);
    assert.deepEqual(diff.flagsRenamed, [{ bit: 1, from: 'NET', to: 'NETWORK' }]);
    assert.equal(runDust(['diff', a, a]).stdout, 'no semantic differences\n');
  });

  it('refuses a document that is not a grouping', () => {
    const result = runDust(['diff', a, tmp.write('notg.json', '[1, 2]')]);
    assert.ok(isOneLineError(result), result.stderr);
    assert.match(result.stderr, /B .*notg\.json is not a dust\.grouping\/v1 document/);
  });
});

describe('dust rebase', () => {
  const base = tmp.write('base.json', grouping([flag('FILE_READ', 0, ['openat'])]));
  const revision = tmp.write('rev.json', grouping([flag('FILE_READ', 0, ['openat', 'close'])]));
  const newBase = tmp.write(
    'new.json',
    grouping([flag('FILE_READ', 0, ['openat']), flag('NET', 1, ['socket'])]),
  );

  it('prints the merged grouping', () => {
    const result = runDust(['rebase', base, revision, newBase]);
    assert.equal(result.status, 0, result.stderr);
    const merged = JSON.parse(result.stdout);
    assert.deepEqual(
      merged.flags.map((f: { name: string; syscalls: string[] }) => [f.name, f.syscalls]),
      [
        ['FILE_READ', ['openat', 'close']],
        ['NET', ['socket']],
      ],
    );
  });

  it('exits 1 with the conflicts', () => {
    const renamed = tmp.write('renamed.json', grouping([flag('FILE_OPEN', 0, ['openat'])]));
    const renamedOther = tmp.write('renamed2.json', grouping([flag('FILES', 0, ['openat'])]));
    const result = runDust(['rebase', base, renamed, renamedOther]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^conflict \/flags\/0\/name: /m);
    assert.match(result.stdout, /1 conflict: /);
    const json = JSON.parse(runDust(['rebase', base, renamed, renamedOther, '--json']).stdout);
    assert.equal(json.ok, false);
    assert.equal(json.conflicts.length, 1);
  });

  it('needs three files', () => {
    const result = runDust(['rebase', base, revision]);
    assert.ok(isOneLineError(result));
    assert.match(result.stderr, /missing NEWBASE/);
  });
});

describe('dust import systemd', () => {
  const listing = `@basic-io
    # Basic IO
    close
    read
    write

@timer
    # Schedule operations by time
    alarm
    timer_create
    not_a_real_call
`;

  it('turns a saved systemd-analyze listing into a grouping, notes on stderr', () => {
    const result = runDust(['import', 'systemd', tmp.write('sd.txt', listing)]);
    assert.equal(result.status, 0, result.stderr);
    const imported = JSON.parse(result.stdout);
    assert.deepEqual(
      imported.flags.map((f: { name: string; syscalls: string[] }) => [f.name, f.syscalls]),
      [
        ['BASIC_IO', ['close']],
        ['TIMER', ['alarm', 'timer_create']],
      ],
    );
    assert.match(result.stderr, /not_a_real_call/);
    const validated = runDust(['validate', '-', '--json'], { input: result.stdout });
    assert.equal(JSON.parse(validated.stdout).valid, true);
  });

  it('rejects text that is not a listing, and unknown sources', () => {
    const notListing = runDust(['import', 'systemd', '-'], { input: '{"a": 1}' });
    assert.ok(isOneLineError(notListing), notListing.stderr);
    assert.ok(isOneLineError(runDust(['import', 'openbsd'])));
    assert.ok(isOneLineError(runDust(['import', 'strace', 'file.txt'])));
    assert.ok(isOneLineError(runDust(['import'])));
  });
});

describe('dust import strace|pledge, dust compare', () => {
  it('prints each built-in reference as a valid grouping', () => {
    for (const source of ['strace', 'pledge']) {
      const result = runDust(['import', source]);
      assert.equal(result.status, 0, result.stderr);
      const imported = JSON.parse(result.stdout);
      assert.ok(imported.flags.length > 5, source);
      const validated = runDust(['validate', '-', '--json'], { input: result.stdout });
      assert.equal(JSON.parse(validated.stdout).valid, true, `${source}: ${validated.stdout}`);
    }
  });

  it('compares a grouping with a reference, as text and as JSON', () => {
    const file = tmp.write(
      'net.json',
      grouping([
        { name: 'NET', bit: 0, description: 'Sockets', syscalls: ['socket', 'connect', 'bind'] },
      ]),
    );
    const json = runDust(['compare', file, '--with', 'strace', '--json']);
    assert.equal(json.status, 0, json.stderr);
    const [net] = JSON.parse(json.stdout).flags;
    assert.equal(net.reference, 'NETWORK');
    assert.deepEqual(net.onlyInFlag, []);
    const text = runDust(['compare', file, '--with', 'strace']);
    assert.match(text.stdout, /^NET ~ NETWORK \(\d+% agree\)$/m);
    // A grouping file as the reference: itself agrees completely.
    assert.match(runDust(['compare', file, '--with', file]).stdout, /^NET ~ NET \(100% agree\)$/m);
  });

  it('usage errors: no --with, no file', () => {
    const file = tmp.write('one.json', grouping([]));
    assert.ok(isOneLineError(runDust(['compare', file])));
    assert.ok(isOneLineError(runDust(['compare', '--with', 'strace'])));
    assert.equal(runDust(['compare', file]).status, 2);
  });
});

describe('help', () => {
  it('dust --help lists every command; each command has --help with an example', () => {
    const top = runDust(['--help']);
    assert.equal(top.status, 0);
    const commands = [
      'validate',
      'diff',
      'rebase',
      'syscalls',
      'import',
      'compare',
      'render',
      'mail',
      'login',
      'propose',
      'revise',
      'review',
      'comment',
      'approve',
      'fetch',
      'status',
      'kernel-test',
    ];
    for (const command of commands) {
      assert.match(top.stdout, new RegExp(`^ {2}${command} `, 'm'));
      const help = runDust([command, '--help']);
      assert.equal(help.status, 0, `${command}: ${help.stderr}`);
      assert.match(help.stdout, new RegExp(`^Usage: dust ${command}`));
      assert.match(help.stdout, /Example:\n {2}dust /);
    }
  });
});
