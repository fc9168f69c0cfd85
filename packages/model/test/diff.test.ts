import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffGroupings, GroupingDiffSchema } from '../src/index';
import { flag, goodGrouping, grouping, systemdGrouping } from './helpers';

describe('diffGroupings', () => {
  it('says identical for equal groupings, regardless of order', () => {
    const diff = diffGroupings(systemdGrouping(), systemdGrouping());
    assert.equal(diff.identical, true);
    const reordered = goodGrouping();
    reordered.flags.reverse();
    reordered.flags[1]?.syscalls.reverse();
    assert.equal(diffGroupings(goodGrouping(), reordered).identical, true);
  });

  it('reports added, removed, renamed flags and bit changes', () => {
    const from = grouping([
      flag('A', 0, ['openat']),
      flag('B', 1, ['close']),
      flag('C', 2, ['dup']),
      flag('D', 3, ['pipe2']),
    ]);
    const to = grouping([
      flag('A', 0, ['openat']),
      flag('BB', 1, ['close']),
      flag('C', 5, ['dup']),
      flag('E', 4, ['dup3']),
    ]);
    const diff = diffGroupings(from, to);
    assert.equal(diff.identical, false);
    assert.deepEqual(diff.flagsRenamed, [{ bit: 1, from: 'B', to: 'BB' }]);
    assert.deepEqual(diff.bitsChanged, [{ name: 'C', from: 2, to: 5 }]);
    assert.deepEqual(
      diff.flagsAdded.map((f) => f.name),
      ['E'],
    );
    assert.deepEqual(
      diff.flagsRemoved.map((f) => f.name),
      ['D'],
    );
    assert.deepEqual(diff.syscallsChanged, []);
  });

  it('reports description, syscall and policy changes, and moved syscalls', () => {
    const from = grouping([
      flag('A', 0, ['openat', 'close']),
      flag('B', 1, ['socket']),
      flag('OLD', 2, ['pipe2']),
    ]);
    const to = grouping(
      [
        flag('A', 0, ['openat', 'dup'], 'new words'),
        flag('B', 1, ['socket', 'close']),
        flag('NEW', 3, ['pipe2']),
      ],
      { fork: 'inherit', exec: 'reset-to-base' },
    );
    const diff = diffGroupings(from, to);
    assert.deepEqual(diff.descriptionsChanged, [
      { name: 'A', bit: 0, from: 'A flag', to: 'new words' },
    ]);
    assert.deepEqual(diff.syscallsChanged, [
      { name: 'A', bit: 0, added: ['dup'], removed: ['close'] },
      { name: 'B', bit: 1, added: ['close'], removed: [] },
    ]);
    assert.deepEqual(diff.syscallsMoved, [
      { syscall: 'close', from: 'A', to: 'B' },
      { syscall: 'pipe2', from: 'OLD', to: 'NEW' },
    ]);
    assert.deepEqual(diff.policy, [{ field: 'exec', from: 'keep', to: 'reset-to-base' }]);
    assert.equal(diff.kernel, null);
  });

  it('matches the exported schema', () => {
    const diff = diffGroupings(goodGrouping(), systemdGrouping());
    assert.deepEqual(GroupingDiffSchema.parse(diff), diff);
  });
});
