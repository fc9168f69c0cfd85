import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { grouping, isOneLineError, runDust, tempDir } from './run-dust';

const tmp = tempDir();
after(() => tmp.cleanup());

const FILE_READ = {
  name: 'FILE_READ',
  bit: 0,
  description: 'Open and read files',
  syscalls: ['openat', 'close'],
};
const NET = { name: 'NET', bit: 1, description: 'Sockets', syscalls: ['socket', 'connect'] };

describe('dust render', () => {
  it('writes the patches, the mbox, the tarball and grouping.json into --out', () => {
    const previous = tmp.write('prev.json', grouping([FILE_READ]));
    const file = tmp.write('g.json', grouping([FILE_READ, NET]));
    const out = join(tmp.dir, 'series');
    const result = runDust([
      'render',
      file,
      '--baseline',
      previous,
      '--version',
      '2',
      '--out',
      out,
    ]);
    assert.equal(result.status, 0, result.stderr);
    const names = readdirSync(out).sort();
    assert.ok(names.includes('0000-cover-letter.patch'), names.join());
    assert.ok(names.filter((n) => /^\d{4}-.*\.patch$/.test(n)).length >= 2);
    assert.ok(names.includes('series.mbox') && names.includes('series-v2.tar.gz'));
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'grouping.json'), 'utf8')).flags[1], NET);
    assert.match(readFileSync(join(out, '0000-cover-letter.patch'), 'utf8'), /\[PATCH v2 0\/\d+\]/);
    assert.ok(gunzipSync(readFileSync(join(out, 'series-v2.tar.gz'))).length > 0);
    assert.equal(result.stdout.trim().split('\n').length, names.length);
  });

  it('refuses an invalid grouping with exit 1 and one line, writing nothing', () => {
    const file = tmp.write('bad.json', grouping([{ ...FILE_READ, syscalls: ['opne'] }]));
    const out = join(tmp.dir, 'never');
    const result = runDust(['render', file, '--out', out]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /not a valid grouping .*SYSCALL_UNKNOWN/);
    assert.throws(() => readdirSync(out));
  });

  it('usage errors: no --out, bad --version', () => {
    const file = tmp.write('ok.json', grouping([FILE_READ]));
    assert.match(runDust(['render', file]).stderr, /missing --out DIR/);
    const bad = runDust(['render', file, '--out', tmp.dir, '--version', 'v2']);
    assert.ok(isOneLineError(bad), bad.stderr);
  });
});

describe('dust kernel-test', () => {
  it('reports skipped (exit 3) with the setup command when the tree is missing', () => {
    const file = tmp.write('kt.json', grouping([FILE_READ]));
    const result = runDust(['kernel-test', file, '--tree', join(tmp.dir, 'no-tree'), '--json']);
    assert.equal(result.status, 3, result.stderr);
    const verdict = JSON.parse(result.stdout);
    assert.equal(verdict.status, 'skipped');
    assert.match(verdict.reason, /npm run kernel:setup/);
  });

  it('refuses an unreadable target with one line', () => {
    assert.ok(isOneLineError(runDust(['kernel-test', join(tmp.dir, 'missing.json')])));
  });

  it('--skip takes only bisect', () => {
    const file = tmp.write('kt-skip.json', grouping([FILE_READ]));
    const bad = runDust(['kernel-test', file, '--skip', 'boot']);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /--skip takes bisect, not boot/);
    const tree = join(tmp.dir, 'no-tree');
    const ok = runDust(['kernel-test', file, '--skip', 'bisect', '--tree', tree, '--json']);
    assert.equal(ok.status, 3, ok.stderr);
  });
});
