import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  diffGroupings,
  MAX_REBASE_CONFLICTS,
  RebaseResultSchema,
  rebaseGrouping,
  validateGrouping,
} from '../src/index';
import { flag, goodGrouping, grouping, systemdGrouping } from './helpers';

function merged(result: ReturnType<typeof rebaseGrouping>) {
  assert.equal(result.ok, true, JSON.stringify(result));
  if (!result.ok) throw new Error('unreachable');
  return result.grouping;
}

function conflicts(result: ReturnType<typeof rebaseGrouping>) {
  assert.equal(result.ok, false, 'expected conflicts');
  if (result.ok) throw new Error('unreachable');
  return result.conflicts;
}

describe('rebaseGrouping: clean merges', () => {
  it('is the new baseline when the revision changed nothing, and the revision when the baseline did not move', () => {
    const base = goodGrouping();
    const next = systemdGrouping();
    assert.deepEqual(merged(rebaseGrouping(base, base, next)), next);
    assert.ok(diffGroupings(merged(rebaseGrouping(base, next, base)), next).identical);
  });

  it('applies syscall additions and removals onto the new baseline', () => {
    const base = grouping([flag('A', 0, ['openat', 'close']), flag('B', 1, ['socket'])]);
    const revision = grouping([flag('A', 0, ['openat', 'dup']), flag('B', 1, ['socket'])]);
    const next = grouping([
      flag('A', 0, ['openat', 'close', 'pipe2']),
      flag('B', 1, ['socket', 'bind']),
    ]);
    assert.deepEqual(
      merged(rebaseGrouping(base, revision, next)),
      grouping([flag('A', 0, ['openat', 'pipe2', 'dup']), flag('B', 1, ['socket', 'bind'])]),
    );
  });

  it('accepts a syscall both sides added, and a flag both sides added alike', () => {
    const base = grouping([flag('A', 0, ['openat'])]);
    const revision = grouping([flag('A', 0, ['openat', 'dup']), flag('N', 2, ['pipe2'])]);
    const next = grouping([flag('A', 0, ['openat', 'dup']), flag('N', 2, ['pipe2', 'pipe'])]);
    assert.deepEqual(merged(rebaseGrouping(base, revision, next)), next);
  });

  it('keeps a rename from one side and a bit move from the other', () => {
    const base = grouping([flag('A', 0, ['openat'])]);
    const revision = grouping([flag('FILES', 0, ['openat'])]);
    const next = grouping([flag('A', 4, ['openat'])]);
    assert.deepEqual(
      merged(rebaseGrouping(base, revision, next)),
      grouping([flag('FILES', 4, ['openat'])]),
    );
  });

  it('appends new flags of the revision and keeps those of the new baseline', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    revision.flags.push(flag('TIME', 7, ['clock_gettime', 'clock_gettime64']));
    const next = goodGrouping();
    next.flags.push(flag('IPC', 8, ['pipe2']));
    const result = merged(rebaseGrouping(base, revision, next));
    assert.deepEqual(
      result.flags.map((f) => f.name),
      ['FILE_READ', 'PROCESS', 'NET', 'IPC', 'TIME'],
    );
    assert.equal(validateGrouping(result).valid, true);
  });

  it('deletes a flag one side removed and the other left alone', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    revision.flags.pop();
    const next = goodGrouping();
    next.flags[0]?.syscalls.push('dup');
    const result = merged(rebaseGrouping(base, revision, next));
    assert.deepEqual(
      result.flags.map((f) => f.name),
      ['FILE_READ', 'PROCESS'],
    );
    assert.ok(result.flags[0]?.syscalls.includes('dup'));
  });
});

describe('rebaseGrouping: conflicts', () => {
  it('two new flags on one bit with different names', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    revision.flags.push(flag('TIME', 7, ['clock_gettime']));
    const next = goodGrouping();
    next.flags.push(flag('CLOCK', 7, ['clock_gettime']));
    const found = conflicts(rebaseGrouping(base, revision, next));
    assert.deepEqual(
      found.map((c) => [c.path, c.revision, c.newBase]),
      [['/flags/3/bit', 7, 7]],
    );
    assert.match(
      found[0]?.message ?? '',
      /"TIME" \(revision\) and "CLOCK" \(new baseline\) would both use bit 7/,
    );
  });

  it('one new flag name on two bits', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    revision.flags.push(flag('TIME', 7, ['clock_gettime']));
    const next = goodGrouping();
    next.flags.push(flag('TIME', 9, ['clock_gettime']));
    const found = conflicts(rebaseGrouping(base, revision, next));
    assert.deepEqual(
      found.map((c) => [c.path, c.base, c.revision, c.newBase]),
      [['/flags/3/bit', null, 7, 9]],
    );
  });

  it('different description edits on both sides', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    (revision.flags[1] as { description: string }).description = 'Ours';
    const next = goodGrouping();
    (next.flags[1] as { description: string }).description = 'Theirs';
    const found = conflicts(rebaseGrouping(base, revision, next));
    assert.deepEqual(
      found.map((c) => [c.path, c.base, c.revision, c.newBase]),
      [['/flags/1/description', 'Run programs and wait for them', 'Ours', 'Theirs']],
    );
  });

  it('the same description edit on both sides is no conflict', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    (revision.flags[1] as { description: string }).description = 'Same';
    assert.deepEqual(merged(rebaseGrouping(base, revision, structuredClone(revision))), revision);
  });

  it('a flag removed on one side and changed on the other', () => {
    const base = goodGrouping();
    const removed = goodGrouping();
    removed.flags.pop();
    const changed = goodGrouping();
    changed.flags[2]?.syscalls.push('bind');
    assert.deepEqual(
      conflicts(rebaseGrouping(base, removed, changed)).map((c) => c.path),
      ['/flags'],
    );
    assert.deepEqual(
      conflicts(rebaseGrouping(base, changed, removed)).map((c) => c.path),
      ['/flags/2'],
    );
  });

  it('policy and name changes that differ', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    revision.policy.exec = 'reset-to-base';
    (revision.flags[2] as { name: string }).name = 'NETWORK';
    const next = goodGrouping();
    next.policy = { fork: 'inherit' };
    (next.flags[2] as { name: string }).name = 'SOCKETS';
    assert.deepEqual(
      conflicts(rebaseGrouping(base, revision, next)).map((c) => [c.path, c.revision, c.newBase]),
      [
        ['/policy/exec', 'reset-to-base', null],
        ['/flags/2/name', 'NETWORK', 'SOCKETS'],
      ],
    );
  });

  it('a rename onto a name the new baseline introduced', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    (revision.flags[2] as { name: string }).name = 'IPC';
    const next = goodGrouping();
    next.flags.push(flag('IPC', 9, ['pipe2']));
    assert.deepEqual(
      conflicts(rebaseGrouping(base, revision, next)).map((c) => c.path),
      ['/flags/2/name'],
    );
  });

  it('lists at most MAX_REBASE_CONFLICTS conflicts and counts the rest', () => {
    const base = grouping([]);
    const ours = grouping(Array.from({ length: 300 }, (_, i) => flag(`OURS_${i}`, i, ['dup'])));
    const theirs = grouping(Array.from({ length: 300 }, (_, i) => flag(`THEIRS_${i}`, i, ['dup'])));
    const found = conflicts(rebaseGrouping(base, ours, theirs));
    assert.equal(found.length, MAX_REBASE_CONFLICTS + 1);
    assert.match(found.at(-1)?.message ?? '', /^200 more conflicts/);
  });

  it('results match the exported schema', () => {
    const base = goodGrouping();
    const revision = goodGrouping();
    (revision.flags[1] as { description: string }).description = 'Ours';
    const next = goodGrouping();
    (next.flags[1] as { description: string }).description = 'Theirs';
    for (const result of [
      rebaseGrouping(base, revision, next),
      rebaseGrouping(base, revision, base),
    ]) {
      assert.deepEqual(RebaseResultSchema.parse(result), result);
    }
  });
});
