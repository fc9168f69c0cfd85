import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_GROUPING, type Grouping } from '@dust/model';
import { coverageByArch, flagClassMatrix } from './coverage';

const G: Grouping = {
  ...EMPTY_GROUPING,
  flags: [
    { name: 'FILES', bit: 0, description: '', syscalls: ['openat', 'close', 'fstat64', 'read'] },
    { name: 'TIME', bit: 1, description: '', syscalls: ['clock_gettime', 'close'] },
  ],
};

test('coverage counts granted syscalls per arch, without the base set', () => {
  const cov = coverageByArch(G);
  const x86 = cov.find((c) => c.arch === 'x86_64');
  const i386 = cov.find((c) => c.arch === 'i386');
  assert.ok(x86 && i386);
  // x86_64 has no fstat64; read is base; so openat, close, clock_gettime
  assert.equal(x86.granted, 3);
  assert.equal(i386.granted, 4);
  assert.ok(x86.total > 300);
  assert.deepEqual(
    coverageByArch(EMPTY_GROUPING).map((c) => c.granted),
    coverageByArch(EMPTY_GROUPING).map(() => 0),
  );
});

test('the matrix counts each flag’s syscalls per class', () => {
  const rows = flagClassMatrix(G, [
    { name: '@file-system', syscalls: ['openat', 'fstat64', 'stat'] },
    { name: '@basic-io', syscalls: ['close', 'read'] },
  ]);
  assert.deepEqual(rows, [
    { flag: 'FILES', bit: 0, counts: [2, 2] },
    { flag: 'TIME', bit: 1, counts: [0, 1] },
  ]);
});
