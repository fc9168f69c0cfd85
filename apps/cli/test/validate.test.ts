import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { grouping, isOneLineError, runDust, tempDir } from './run-dust';

const tmp = tempDir();

/** C0/C1 controls, DEL, and bidi overrides: what could rewrite a terminal line. */
function hasUnsafeCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e))
      return true;
  }
  return false;
}
after(() => tmp.cleanup());

const FILE_READ = {
  name: 'FILE_READ',
  bit: 0,
  description: 'Open and read files',
  syscalls: ['openat', 'close', 'pread64'],
};

describe('dust validate', () => {
  it('accepts a valid grouping: exit 0 and a summary', () => {
    const file = tmp.write('valid.json', grouping([FILE_READ]));
    const result = runDust(['validate', file]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /valid\.json: valid: 0 errors/);
    assert.equal(result.stderr, '');
  });

  it('groups human diagnostics by flag, with severity, code, path and a did-you-mean', () => {
    const file = tmp.write(
      'typo.json',
      grouping([FILE_READ, { ...FILE_READ, name: 'NET', bit: 1, syscalls: ['socket', 'opne'] }], {
        kernel: '6.1',
      }),
    );
    const result = runDust(['validate', file]);
    assert.equal(result.status, 1);
    const lines = result.stdout.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('flag 1 NET (bit 1)'));
    assert.ok(heading >= 0, result.stdout);
    assert.match(
      lines[heading + 1] ?? '',
      /^ {2}error +SYSCALL_UNKNOWN \/flags\/1\/syscalls\/1: .*open/,
    );
    assert.match(result.stdout, /: invalid: 1 error/);
    assert.ok(!result.stdout.includes('\u001b'), 'no colours without a TTY');
  });

  it('--json prints {valid, diagnostics} with JSON Pointer paths', () => {
    const file = tmp.write('typo2.json', grouping([{ ...FILE_READ, syscalls: ['opne'] }]));
    const result = runDust(['validate', file, '--json']);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(report), ['valid', 'diagnostics']);
    assert.equal(report.valid, false);
    const unknown = report.diagnostics.find((d: { code: string }) => d.code === 'SYSCALL_UNKNOWN');
    assert.equal(unknown.path, '/flags/0/syscalls/0');
    assert.equal(unknown.severity, 'error');
  });

  it('reads standard input for "-"', () => {
    const result = runDust(['validate', '-', '--json'], {
      input: JSON.stringify(grouping([FILE_READ])),
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).valid, true);
  });

  it('checks compatibility with --baseline', () => {
    const baseline = tmp.write('base.json', grouping([FILE_READ]));
    const candidate = tmp.write(
      'cand.json',
      grouping([{ ...FILE_READ, syscalls: ['openat', 'close'] }]),
    );
    const result = runDust(['validate', candidate, '--baseline', baseline, '--json']);
    assert.equal(result.status, 1);
    const codes = JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code);
    assert.ok(codes.includes('COMPAT_SYSCALL_REMOVED'), codes.join());
  });

  it('colours only when asked (FORCE_COLOR), and NO_COLOR wins', () => {
    const file = tmp.write('colour.json', grouping([{ ...FILE_READ, syscalls: ['opne'] }]));
    assert.ok(
      runDust(['validate', file], { env: { FORCE_COLOR: '1' } }).stdout.includes('\u001b[31m'),
    );
    const plain = runDust(['validate', file], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.ok(!plain.stdout.includes('\u001b'));
  });
});

describe('dust validate: bad input', () => {
  it('malformed JSON: exit 2, one line on stderr naming the file', () => {
    const file = tmp.write('broken.json', '{"schema": "dust.grouping/v1", "flags": [');
    const result = runDust(['validate', file]);
    assert.ok(isOneLineError(result), JSON.stringify(result));
    assert.match(result.stderr, /broken\.json is not valid JSON/);
  });

  it('wrong JSON types are SCHEMA diagnostics: exit 1', () => {
    for (const document of [
      42,
      null,
      [],
      'text',
      grouping([{ ...FILE_READ, bit: '0' }]),
      grouping([{ ...FILE_READ, syscalls: 'openat' }]),
      // `policy` may be omitted (docs/design.md), but not be of the wrong type.
      { ...grouping([]), policy: 'keep' },
    ]) {
      const file = tmp.write('types.json', JSON.stringify(document));
      const result = runDust(['validate', file, '--json']);
      assert.equal(result.status, 1, JSON.stringify(document));
      const report = JSON.parse(result.stdout);
      assert.ok(report.diagnostics.some((d: { code: string }) => d.code === 'SCHEMA'));
      assert.equal(result.stderr, '');
    }
  });

  it('a 10 MB document with 100 000 syscall entries gets a bounded, clear report', () => {
    const syscalls = Array.from(
      { length: 100_000 },
      (_, i) => `not_a_syscall_${String(i).padStart(6, '0')}_${'x'.repeat(78)}`,
    );
    const file = tmp.write('huge.json', JSON.stringify(grouping([{ ...FILE_READ, syscalls }])));
    const result = runDust(['validate', file, '--json']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.ok(
      report.diagnostics.length > 0 && report.diagnostics.length < 1000,
      `${report.diagnostics.length}`,
    );
    assert.equal(report.diagnostics[0].code, 'SYSCALL_UNKNOWN');
    const human = runDust(['validate', file]);
    assert.equal(human.status, 1);
    assert.match(human.stdout, /invalid: \d+ errors?/);
  });

  it('C comment markers, newlines and control characters never escape their place', () => {
    const hostile = grouping([
      {
        name: 'EVIL*/ int x; /*',
        bit: 0,
        description: 'line one\nline two \u001b[2J\u001b[31m red \u202e reversed \u0000',
        syscalls: ['read */ system("x"); /*', 'open\nat'],
      },
    ]);
    const file = tmp.write('hostile.json', JSON.stringify(hostile));
    const result = runDust(['validate', file]);
    assert.equal(result.status, 1);
    const codes = ['FLAG_NAME_INVALID', 'DESCRIPTION_INVALID', 'SYSCALL_UNKNOWN'];
    for (const code of codes) assert.ok(result.stdout.includes(code), code);
    // Nothing user-controlled may add a line, move the cursor or reorder text.
    assert.ok(!hasUnsafeCharacters(result.stdout.replaceAll('\n', '')), result.stdout);
    for (const line of result.stdout.split('\n')) {
      assert.ok(!line.startsWith('line two') && !line.startsWith('at'), line);
    }
    const json = runDust(['validate', file, '--json']);
    assert.ok(!hasUnsafeCharacters(json.stdout.replaceAll('\n', '')), json.stdout);
    assert.equal(JSON.parse(json.stdout).valid, false);
  });

  it('missing file, directory, unknown option, missing argument: exit 2 with one line', () => {
    const cases: [string[], RegExp][] = [
      [['validate', `${tmp.dir}/nope.json`], /cannot read .*nope\.json: no such file/],
      [['validate', tmp.dir], /is a directory/],
      [['validate'], /missing FILE/],
      [['validate', 'a.json', 'b.json'], /unexpected argument b\.json/],
      [['validate', '--frobnicate', 'a.json'], /unknown option --frobnicate/],
      [['validate', 'a.json', '--baseline'], /--baseline needs a value/],
      [
        [
          'validate',
          tmp.write('ok.json', grouping([])),
          '--baseline',
          tmp.write('nb.json', '{"x":1}'),
        ],
        /baseline .* is not a dust\.grouping\/v1 document/,
      ],
      [['frobnicate'], /unknown command frobnicate/],
    ];
    for (const [args, message] of cases) {
      const result = runDust(args);
      assert.ok(isOneLineError(result), `${args.join(' ')}: ${JSON.stringify(result)}`);
      assert.match(result.stderr, message);
    }
  });
});
