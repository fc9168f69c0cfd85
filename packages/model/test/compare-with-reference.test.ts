import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareWithReference, straceReferenceGrouping } from '../src/index';
import { flag, grouping, systemdGrouping } from './helpers';

describe('compareWithReference', () => {
  const reference = grouping([
    flag('FILES', 0, ['openat', 'close', 'fstat', 'unlink']),
    flag('NET', 1, ['socket', 'connect', 'sendto']),
  ]);

  it('matches each flag with the reference flag it overlaps most, and lists the differences', () => {
    const proposal = grouping([
      flag('FILE_READ', 0, ['openat', 'fstat', 'pread64']),
      flag('CLOCK', 1, ['clock_settime']),
    ]);
    const result = compareWithReference(proposal, reference);
    assert.deepEqual(result.flags[0], {
      flag: 'FILE_READ',
      reference: 'FILES',
      agreement: 2 / 5,
      shared: ['fstat', 'openat'],
      onlyInFlag: ['pread64'],
      onlyInReference: ['close', 'unlink'],
    });
    // Nothing in common with any reference flag: matched with nothing, not with the first.
    assert.deepEqual(result.flags[1], {
      flag: 'CLOCK',
      reference: null,
      agreement: 0,
      shared: [],
      onlyInFlag: ['clock_settime'],
      onlyInReference: [],
    });
    assert.deepEqual(result.onlyInReference, ['close', 'connect', 'sendto', 'socket', 'unlink']);
    assert.deepEqual(result.onlyInProposal, ['clock_settime', 'pread64']);
  });

  it('prefers the closer group by Jaccard similarity, not the bigger overlap', () => {
    const proposal = grouping([flag('SOCK', 0, ['socket', 'connect'])]);
    const wide = grouping([
      flag('EVERYTHING', 0, ['socket', 'connect', 'openat', 'close', 'read', 'write', 'mmap']),
      flag('NET', 1, ['socket', 'connect', 'sendto']),
    ]);
    assert.equal(compareWithReference(proposal, wide).flags[0]?.reference, 'NET');
  });

  it('a grouping compared with itself agrees everywhere', () => {
    const systemd = systemdGrouping();
    const result = compareWithReference(systemd, systemd);
    assert.ok(result.flags.every((f) => f.agreement === 1 && f.onlyInFlag.length === 0));
    assert.deepEqual(result.onlyInReference, []);
    assert.deepEqual(result.onlyInProposal, []);
  });

  it('puts systemd’s @network-io beside strace’s %network', () => {
    const systemd = systemdGrouping();
    const strace = straceReferenceGrouping().grouping;
    const network = compareWithReference(systemd, strace).flags.find(
      (f) => f.flag === 'NETWORK_IO',
    );
    assert.equal(network?.reference, 'NETWORK');
    assert.ok((network?.agreement ?? 0) > 0.5, JSON.stringify(network));
  });
});
