import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_GROUPING, type Grouping } from '@dust/model';
import { flagChanges } from './flag-changes';

const flag = (name: string, bit: number, syscalls: string[], description = '') => ({
  name,
  bit,
  description,
  syscalls,
});

test('regroups the model diff per flag of the newer grouping', () => {
  const from: Grouping = {
    ...EMPTY_GROUPING,
    flags: [flag('FILES', 0, ['openat', 'close']), flag('GONE', 3, ['kill'])],
  };
  const to: Grouping = {
    ...EMPTY_GROUPING,
    policy: { fork: 'inherit', exec: 'reset-to-base' },
    flags: [
      flag('FS', 0, ['openat', 'fstat']),
      flag('TIME', 1, ['clock_gettime']),
      flag('X', 2, []),
    ],
  };
  const from2: Grouping = { ...from, flags: [...from.flags, flag('X', 2, [], 'old')] };
  const c = flagChanges(from2, to);
  assert.equal(c.byName.get('FS')?.status, 'renamed');
  assert.equal(c.byName.get('FS')?.previousName, 'FILES');
  assert.deepEqual([...(c.byName.get('FS')?.added ?? [])], ['fstat']);
  assert.deepEqual(c.byName.get('FS')?.removed, ['close']);
  assert.equal(c.byName.get('TIME')?.status, 'added');
  assert.equal(c.byName.get('X')?.status, 'changed');
  assert.deepEqual(
    c.removedFlags.map((f) => f.name),
    ['GONE'],
  );
  assert.equal(c.policyChanged, true);
  assert.equal(flagChanges(to, to).byName.size, 0);
});
