// Runs the final-comment-period finisher in the API process wherever the build
// worker runs (DUST_BUILD_WORKER): deployments that move building to worker
// processes move this with it.
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { FcpWorker } from './fcp-worker';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's FCP finisher, or null when DUST_BUILD_WORKER is off. */
    fcpWorker: FcpWorker | null;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    if (!config.buildWorker) {
      app.decorate('fcpWorker', null);
      return;
    }
    const worker = new FcpWorker({
      prisma: app.prisma,
      listAddress: config.mail?.listAddress,
      pollMs: config.buildWorkerPollMs,
      log: app.log,
    });
    app.decorate('fcpWorker', worker);
    app.addHook('onReady', async () => worker.start());
    app.addHook('preClose', async () => worker.stop());
  },
  { name: 'fcp-worker', dependencies: ['database'] },
);
