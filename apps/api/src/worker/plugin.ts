// Runs the build worker inside the API process when config.buildWorker is on:
// started once the app is ready, stopped (job given back to the queue) on close.
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { createGitHubTarget, type GitHubSettings } from '../github/create-github-client';
import { BuildWorker } from './build-worker';
import type { KernelTestFn } from './kernel-test-types';
import { realKernelTest } from './real-kernel-test';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's build worker, or null when DUST_BUILD_WORKER is off. */
    buildWorker: BuildWorker | null;
  }
}

/** Settings the worker reads; optional until every config carries them. */
type WorkerConfig = Config & {
  buildWorkerLeaseSeconds?: number;
  buildWorkerPollMs?: number;
  github?: GitHubSettings;
};

export interface BuildWorkerPluginOptions {
  config: Config;
  /** Tests inject their own harness; production runs the real kernel test. */
  kernelTest?: KernelTestFn;
}

export default fp<BuildWorkerPluginOptions>(
  async (app, { config, kernelTest }) => {
    const cfg = config as WorkerConfig;
    if (!cfg.buildWorker) {
      app.decorate('buildWorker', null);
      return;
    }
    const worker = new BuildWorker({
      prisma: app.prisma,
      kernelTest: kernelTest ?? realKernelTest,
      ...(cfg.github ? { github: createGitHubTarget(cfg.github) } : {}),
      leaseSeconds: cfg.buildWorkerLeaseSeconds ?? 120,
      pollMs: cfg.buildWorkerPollMs ?? 2000,
      log: app.log,
    });
    app.decorate('buildWorker', worker);
    app.addHook('onReady', async () => worker.start());
    // preClose runs before every onClose hook, so the worker is stopped (and its job
    // given back) while the database is still open.
    app.addHook('preClose', async () => worker.stop());
  },
  { name: 'build-worker', dependencies: ['database'] },
);
