import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Grouping } from '@dust/model';
import { checkToolchain, kernelTest } from '../src/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const small = JSON.parse(
  readFileSync(path.join(here, '..', 'examples', 'small.json'), 'utf8'),
) as Grouping;
const toolchain = await checkToolchain();
const skip = toolchain.ok ? false : 'kernel toolchain not installed: run npm run kernel:setup';

test('small.json: the rendered series applies, builds, boots and every flag holds', {
  skip,
  timeout: 60 * 60 * 1000,
}, async () => {
  const verdict = await kernelTest({ grouping: small });
  const failed = verdict.stages.filter((s) => s.status !== 'passed');
  assert.deepEqual(
    failed.map((s) => `${s.name}: ${s.log?.slice(-2000)}`),
    [],
    verdict.reason,
  );
  assert.equal(verdict.status, 'passed', verdict.reason);
  assert.equal(verdict.checkpatch.errors, 0);
  assert.deepEqual(
    verdict.stages.map((s) => s.name),
    ['prepare', 'apply', 'checkpatch', 'configure', 'build', 'initramfs', 'boot'],
  );
  assert.deepEqual(
    verdict.flags.map((f) => [f.name, f.status]),
    small.flags.map((f) => [f.name, 'passed']),
  );
  const check = (scope: string, name: string) =>
    verdict.checks.find((c) => c.scope === scope && c.check === name);
  for (const [scope, name] of [
    ['mode', 'base-set'],
    ['mode', 'base-kill'],
    ['mode', 'exit-group-kill'],
    ['mode', 'unknown-bits'],
    ['mode', 'drop-subset'],
    ['policy', 'fork-inherit'],
    ['policy', 'exec'],
    ['FILE_READ', 'allow'],
    ['FILE_READ', 'kill-outside'],
    ['PROCESS', 'regain'],
    ['TIME', 'drop'],
  ] as const) {
    assert.equal(
      check(scope, name)?.status,
      'passed',
      `${scope} ${name}: ${check(scope, name)?.detail}`,
    );
  }
  assert.match(check('policy', 'exec')?.detail ?? '', /reset-to-base/);
});

test('a missing tree is a skipped verdict naming the setup command', async () => {
  const verdict = await kernelTest({
    grouping: small,
    tree: path.join(here, 'no-such-kernel-tree'),
  });
  assert.equal(verdict.status, 'skipped');
  assert.match(verdict.reason ?? '', /npm run kernel:setup/);
  assert.deepEqual(verdict.stages, []);
});
