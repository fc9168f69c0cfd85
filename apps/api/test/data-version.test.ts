// freshShared: concurrent version checks share a query, but never one that
// started before the caller asked (it could predate a write the caller saw).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshShared } from '../src/db/data-version';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('freshShared', () => {
  it('makes callers during a run wait for the next run, shared among them', async () => {
    const runs: ReturnType<typeof deferred<number>>[] = [];
    const check = freshShared(() => {
      const d = deferred<number>();
      runs.push(d);
      return d.promise;
    });
    const first = check();
    assert.equal(runs.length, 1);
    const late = [check(), check(), check()];
    assert.equal(runs.length, 1, 'no second run while the first is in flight');
    runs[0]?.resolve(1);
    assert.equal(await first, 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(runs.length, 2, 'one shared run for the late callers');
    runs[1]?.resolve(2);
    assert.deepEqual(await Promise.all(late), [2, 2, 2]);
    const alone = check();
    assert.equal(runs.length, 3);
    runs[2]?.resolve(3);
    assert.equal(await alone, 3);
  });

  it('passes a failed run to its callers only, and recovers', async () => {
    let n = 0;
    const check = freshShared(async () => {
      n += 1;
      if (n === 1) throw new Error('connection lost');
      return n;
    });
    const failing = check();
    const waiting = check();
    await assert.rejects(failing, /connection lost/);
    assert.equal(await waiting, 2);
    assert.equal(await check(), 3);
  });
});
