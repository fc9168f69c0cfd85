import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KernelVerdict } from '@dust/kernel';
import { KernelTestReportSchema, KernelVerdictSchema } from '../src/index';

// What kernelTest() returns and `dust kernel-test --json` prints.
const fromKernel: KernelVerdict = {
  status: 'failed',
  reason: 'boot: FILE_READ: getpid was allowed',
  stages: [
    { name: 'prepare', status: 'passed', seconds: 0.1 },
    { name: 'boot', status: 'failed', seconds: 3.2, log: 'console tail' },
  ],
  checkpatch: {
    errors: 0,
    warnings: 1,
    perPatch: [
      { patch: '0001-x.patch', errors: 0, warnings: 1, checks: 0, messages: ['WARNING: y'] },
    ],
  },
  flags: [{ name: 'FILE_READ', status: 'failed', detail: 'getpid was allowed' }],
  checks: [{ scope: 'FILE_READ', check: 'getpid is killed', status: 'failed' }],
};

test("the kernel's verdict passes the wire schema unchanged", () => {
  assert.deepEqual(KernelVerdictSchema.parse(fromKernel), fromKernel);
});

test('a verdict without checks or per-patch results reads as empty lists', () => {
  const parsed = KernelVerdictSchema.parse({
    status: 'failed',
    stages: [{ name: 'apply', status: 'failed', seconds: 0.4 }],
    checkpatch: { errors: 0, warnings: 0 },
    flags: [],
  });
  assert.deepEqual(parsed.checks, []);
  assert.deepEqual(parsed.checkpatch?.perPatch, []);
});

test('stage names and statuses are the kernel test’s own', () => {
  const stage = (name: string, status: string) =>
    KernelVerdictSchema.safeParse({ ...fromKernel, stages: [{ name, status, seconds: 1 }] })
      .success;
  assert.equal(stage('boot', 'passed'), true);
  assert.equal(stage('compile', 'passed'), false);
  assert.equal(stage('boot', 'great'), false);
  assert.equal(
    KernelTestReportSchema.safeParse({ release: 1, verdict: { ...fromKernel, extra: 1 } }).success,
    false,
  );
});
