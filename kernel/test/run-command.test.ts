import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../src/test/run-command';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

test('an abort kills the whole process group, children of the command too', async () => {
  const controller = new AbortController();
  let grandchild = 0;
  // Like make or timeout(1) around QEMU: the command's own child does the work.
  const running = runCommand('sh', ['-c', 'sleep 60 & echo $!; wait'], {
    signal: controller.signal,
    onLine: (line) => {
      grandchild = Number(line);
    },
  });
  assert.ok(await until(() => grandchild > 0, 5000), 'the child started');
  assert.equal(alive(grandchild), true);
  const started = Date.now();
  controller.abort(new Error('lease lost'));
  const result = await running;
  assert.equal(result.aborted, true);
  assert.ok(Date.now() - started < 5000, 'the command ended at once');
  assert.ok(await until(() => !alive(grandchild), 5000), 'the child is gone too');
});

test('an aborted signal starts nothing', async () => {
  const result = await runCommand('sh', ['-c', 'echo ran'], {
    signal: AbortSignal.abort(new Error('stopping')),
  });
  assert.equal(result.aborted, true);
  assert.equal(result.stdout, '');
});
