import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Serialises kernel tests on one tree: the lock is a directory created
 * atomically beside the tree, holding the owner's pid. A lock whose owner
 * is gone (crashed run) is taken over.
 */
export async function lockTree(
  tree: string,
  opts: { onWait?: (ownerPid: number) => void; timeoutSeconds?: number; signal?: AbortSignal } = {},
): Promise<() => void> {
  const lockDir = `${tree}.lock`;
  const owner = path.join(lockDir, 'pid');
  const deadline = Date.now() + (opts.timeoutSeconds ?? 3600) * 1000;
  let announced = false;
  let ownerlessSince: number | null = null;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(owner, String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = readOwner(owner);
    // No pid for seconds: its creator died between mkdir and writing the pid.
    ownerlessSince = pid === null ? (ownerlessSince ?? Date.now()) : null;
    const ownerless = ownerlessSince !== null && Date.now() - ownerlessSince > 5000;
    if ((pid !== null && !isAlive(pid)) || ownerless) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (opts.signal?.aborted) throw new Error('aborted while waiting for the tree lock');
    if (Date.now() > deadline)
      throw new Error(`kernel tree ${tree} is locked by another run (pid ${pid})`);
    if (!announced && pid !== null) {
      opts.onWait?.(pid);
      announced = true;
    }
    await sleep(500);
  }
}

function readOwner(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // being created or removed right now
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
