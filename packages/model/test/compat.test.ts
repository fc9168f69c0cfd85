import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCompatibility } from '../src/index';
import { flag, goodGrouping, grouping, systemdGrouping } from './helpers';

function summary(baseline = goodGrouping(), candidate = goodGrouping()) {
  return checkCompatibility(baseline, candidate).map((d) => [d.severity, d.code, d.path]);
}

describe('checkCompatibility', () => {
  it('finds nothing between equal groupings (order does not matter)', () => {
    assert.deepEqual(summary(), []);
    const reordered = goodGrouping();
    reordered.flags.reverse();
    reordered.flags[0]?.syscalls.reverse();
    assert.deepEqual(summary(goodGrouping(), reordered), []);
    assert.deepEqual(checkCompatibility(systemdGrouping(), systemdGrouping()), []);
  });

  it('COMPAT_FLAG_REMOVED', () => {
    const candidate = goodGrouping();
    candidate.flags.splice(1, 1);
    const found = checkCompatibility(goodGrouping(), candidate);
    assert.deepEqual(
      found.map((d) => [d.severity, d.code, d.path]),
      [['error', 'COMPAT_FLAG_REMOVED', '/flags']],
    );
    assert.match(found[0]?.message ?? '', /"PROCESS" \(bit 1\)/);
  });

  it('COMPAT_FLAG_RENAMED: same bit, other name', () => {
    const candidate = goodGrouping();
    (candidate.flags[2] as { name: string }).name = 'NETWORK';
    assert.deepEqual(summary(goodGrouping(), candidate), [
      ['error', 'COMPAT_FLAG_RENAMED', '/flags/2/name'],
    ]);
  });

  it('COMPAT_BIT_CHANGED: same name, other bit', () => {
    const candidate = goodGrouping();
    (candidate.flags[2] as { bit: number }).bit = 7;
    assert.deepEqual(summary(goodGrouping(), candidate), [
      ['error', 'COMPAT_BIT_CHANGED', '/flags/2/bit'],
    ]);
  });

  it('two flags swapping bits are two bit changes', () => {
    const base = grouping([flag('A', 0, ['openat']), flag('B', 1, ['close'])]);
    const swapped = grouping([flag('A', 1, ['openat']), flag('B', 0, ['close'])]);
    assert.deepEqual(summary(base, swapped), [
      ['error', 'COMPAT_BIT_CHANGED', '/flags/0/bit'],
      ['error', 'COMPAT_BIT_CHANGED', '/flags/1/bit'],
    ]);
  });

  it('COMPAT_SYSCALL_REMOVED, also from a renamed flag', () => {
    const candidate = goodGrouping();
    candidate.flags[0]?.syscalls.splice(0, 1);
    const found = checkCompatibility(goodGrouping(), candidate);
    assert.deepEqual(
      found.map((d) => [d.code, d.path]),
      [['COMPAT_SYSCALL_REMOVED', '/flags/0/syscalls']],
    );
    assert.match(found[0]?.message ?? '', /"openat" left flag "FILE_READ"/);
    (candidate.flags[0] as { name: string }).name = 'FILES';
    assert.deepEqual(summary(goodGrouping(), candidate), [
      ['error', 'COMPAT_FLAG_RENAMED', '/flags/0/name'],
      ['error', 'COMPAT_SYSCALL_REMOVED', '/flags/0/syscalls'],
    ]);
  });

  it('COMPAT_POLICY_CHANGED for fork and exec; setting exec where none was is fine', () => {
    const candidate = goodGrouping();
    candidate.policy = { fork: 'none', exec: 'reset-to-base' };
    assert.deepEqual(summary(goodGrouping(), candidate), [
      ['error', 'COMPAT_POLICY_CHANGED', '/policy/fork'],
      ['error', 'COMPAT_POLICY_CHANGED', '/policy/exec'],
    ]);
    const dropped = goodGrouping();
    dropped.policy = { fork: 'inherit' };
    assert.deepEqual(summary(goodGrouping(), dropped), [
      ['error', 'COMPAT_POLICY_CHANGED', '/policy'],
    ]);
    const base = goodGrouping();
    base.policy = { fork: 'inherit' };
    assert.deepEqual(summary(base, goodGrouping()), []);
  });

  it('COMPAT_KERNEL_CHANGED', () => {
    const candidate = { ...goodGrouping(), kernel: '6.6' };
    assert.deepEqual(summary(goodGrouping(), candidate), [
      ['error', 'COMPAT_KERNEL_CHANGED', '/kernel'],
    ]);
  });

  it('reports additions as info', () => {
    const candidate = goodGrouping();
    candidate.flags[2]?.syscalls.push('bind');
    candidate.flags.push(flag('TIME', 5, ['clock_gettime', 'clock_gettime64']));
    assert.deepEqual(summary(goodGrouping(), candidate), [
      ['info', 'COMPAT_SYSCALL_ADDED', '/flags/2/syscalls/4'],
      ['info', 'COMPAT_FLAG_ADDED', '/flags/3'],
    ]);
  });
});
