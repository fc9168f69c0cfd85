// The production harness hands the worker's abort signal to the kernel test: a lost
// lease or a shutdown must end the real run, not only the worker's wait for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSeries } from '@dust/kernel';
import { checkToolchain } from '@dust/kernel/test/check-toolchain';
import { realKernelTest } from '../src/worker/real-kernel-test';
import { sampleGrouping } from './releases-fixtures';

const toolchain = await checkToolchain();

test('an aborted signal stops the real kernel test before its first stage', {
  skip: toolchain.ok ? false : 'kernel toolchain not installed: run npm run kernel:setup',
}, async () => {
  const grouping = sampleGrouping();
  const verdict = await realKernelTest({
    grouping,
    series: renderSeries({ grouping }),
    signal: AbortSignal.abort(new Error('lease lost')),
  });
  assert.equal(verdict.status, 'failed');
  assert.equal(verdict.reason, 'prepare: aborted (lease lost)');
  assert.deepEqual(
    verdict.stages.map((s) => s.name),
    ['prepare'],
  );
});
