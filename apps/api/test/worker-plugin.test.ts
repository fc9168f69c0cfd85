// The worker as the app runs it: started when the app is ready, picks up a job
// soon after it is queued, and stops (giving its job back) when the app closes.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { KernelVerdict } from '@dust/kernel';
import Fastify from 'fastify';
import { openDatabase } from '../src/db/open';
import database from '../src/plugins/app/database';
import { testConfig } from '../src/testing';
import buildWorker from '../src/worker/plugin';
import { addRelease, sampleGrouping } from './releases-fixtures';

const passed: KernelVerdict = {
  status: 'passed',
  stages: [],
  checkpatch: { errors: 0, warnings: 0, perPatch: [] },
  flags: [],
  checks: [],
};

async function appWith(
  kernelTest: () => Promise<KernelVerdict>,
  enabled = true,
  dataDir: string | null = null,
) {
  const config = testConfig({
    buildWorker: enabled,
    buildWorkerPollMs: 50,
    database: { kind: 'pglite', dataDir },
  });
  const app = Fastify({ logger: false, pluginTimeout: 120_000 });
  await app.register(database, { config });
  await app.register(buildWorker, { config, kernelTest });
  await app.ready();
  return app;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  // Waits for the background worker; bounded so a broken worker fails the test.
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the worker did not get there in 30 s');
}

test('the app runs queued jobs in the background and stops cleanly', async () => {
  const app = await appWith(async () => passed);
  try {
    assert.ok(app.buildWorker);
    const author = await app.prisma.user.create({ data: { name: 'ada' } });
    const { job } = await addRelease(app.prisma, sampleGrouping(), { authorId: author.id });
    app.buildWorker.wake();
    await until(
      async () =>
        (await app.prisma.buildJob.findUniqueOrThrow({ where: { id: job?.id as number } }))
          .status === 'passed',
    );
  } finally {
    await app.close();
  }
});

test('closing the app mid-build gives the job back to the queue', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dust-worker-'));
  try {
    let started = false;
    const app = await appWith(
      () =>
        new Promise<KernelVerdict>(() => {
          started = true; // a build that takes minutes
        }),
      true,
      dataDir,
    );
    const author = await app.prisma.user.create({ data: { name: 'ada' } });
    const { job } = await addRelease(app.prisma, sampleGrouping(), { authorId: author.id });
    await until(async () => started);
    await app.close();

    // What the next instance finds in the database:
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const row = await db.prisma.buildJob.findUniqueOrThrow({ where: { id: job?.id as number } });
      assert.equal(row.status, 'queued');
      assert.equal(row.claimedBy, null);
    } finally {
      await db.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('DUST_BUILD_WORKER=off: no worker, jobs stay queued', async () => {
  const app = await appWith(async () => passed, false);
  try {
    assert.equal(app.buildWorker, null);
  } finally {
    await app.close();
  }
});
