import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { lockTree } from '../src/test/lock-tree';

test('lockTree serialises runs on one tree and takes over a dead owner', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dust-lock-'));
  const tree = path.join(dir, 'linux');
  try {
    const release = await lockTree(tree);
    let waitedFor: number | undefined;
    let secondHeld = false;
    const second = lockTree(tree, { onWait: (pid) => (waitedFor = pid) }).then((r) => {
      secondHeld = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(secondHeld, false, 'the second run waits while the first holds the lock');
    assert.equal(waitedFor, process.pid);
    release();
    const releaseSecond = await second;
    assert.equal(secondHeld, true);
    releaseSecond();
    assert.equal(existsSync(`${tree}.lock`), false);

    // A crashed run left its lock behind: 2^22 + 1 is above the largest pid Linux hands out.
    mkdirSync(`${tree}.lock`);
    writeFileSync(path.join(`${tree}.lock`, 'pid'), String(2 ** 22 + 1));
    const releaseThird = await lockTree(tree, { timeoutSeconds: 5 });
    releaseThird();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
