import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addsNothingTo } from '../src/domain/mark-sibling-proposals';
import { CLOCK, FILE_READ, grouping } from './fixtures';

describe('addsNothingTo (is a sibling superseded by the new release?)', () => {
  const release = grouping([FILE_READ, CLOCK]);

  it('a subset of the release adds nothing', () => {
    assert.equal(addsNothingTo(release, grouping([])), true);
    assert.equal(addsNothingTo(release, grouping([CLOCK])), true);
    assert.equal(addsNothingTo(release, grouping([{ ...FILE_READ, syscalls: ['openat'] }])), true);
    assert.equal(addsNothingTo(release, release), true);
  });

  it('an added syscall, flag, rename, bit move, description or policy change is something', () => {
    const more = { ...FILE_READ, syscalls: [...FILE_READ.syscalls, 'fstat'] };
    assert.equal(addsNothingTo(release, grouping([more, CLOCK])), false);
    const extra = { name: 'EXTRA', bit: 9, description: 'More', syscalls: ['getpid'] };
    assert.equal(addsNothingTo(release, grouping([FILE_READ, CLOCK, extra])), false);
    assert.equal(addsNothingTo(release, grouping([{ ...CLOCK, name: 'TIME' }])), false);
    assert.equal(addsNothingTo(release, grouping([{ ...CLOCK, bit: 7 }])), false);
    assert.equal(addsNothingTo(release, grouping([{ ...CLOCK, description: 'Clocks' }])), false);
    const reset = { ...grouping([CLOCK]), policy: { fork: 'inherit', exec: 'reset-to-base' } };
    assert.equal(addsNothingTo(release, reset), false);
  });
});
