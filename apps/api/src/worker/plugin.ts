// Runs the build worker inside the API process when config.buildWorker is on:
// started once the app is ready, stopped (job given back to the queue) on close.
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { createGitHubTarget } from '../github/create-github-client';
import { BuildWorker } from './build-worker';
import type { KernelTestFn } from './kernel-test-types';
import { realKernelTest } from './real-kernel-test';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's build worker, or null when DUST_BUILD_WORKER is off. */
    buildWorker: BuildWorker | null;
  }
}

export interface BuildWorkerPluginOptions {
  config: Config;
  /** Tests inject their own harness; production runs the real kernel test. */
  kernelTest?: KernelTestFn;
}

export default fp<BuildWorkerPluginOptions>(
  async (app, { config, kernelTest }) => {
    if (!config.buildWorker) {
      app.decorate('buildWorker', null);
      return;
    }
    const worker = new BuildWorker({
      prisma: app.prisma,
      kernelTest: kernelTest ?? realKernelTest,
      ...(config.github ? { github: createGitHubTarget(config.github) } : {}),
      leaseSeconds: config.buildWorkerLeaseSeconds,
      pollMs: config.buildWorkerPollMs,
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
