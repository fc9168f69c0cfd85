// The worker image's healthcheck script, run as the container runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './read-dockerfile';

const SCRIPT = path.join(REPO_ROOT, 'apps/api/scripts/check-health-file.mjs');
const check = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

test('healthy while the file is fresh, unhealthy when stale or missing', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dust-health-'));
  try {
    const file = path.join(dir, 'alive');
    writeFileSync(file, 'now\n');
    assert.equal(check(file, '60').status, 0);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(file, twoMinutesAgo, twoMinutesAgo);
    const stale = check(file, '60');
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /is 12\d s old \(more than 60 s\)/);
    assert.equal(check(path.join(dir, 'missing'), '60').status, 1);
    assert.equal(check(file).status, 2, 'usage error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
