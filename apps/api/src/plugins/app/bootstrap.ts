// Creates the bootstrap admin when DUST_BOOTSTRAP_TOKEN is set.
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { ensureBootstrapAdmin } from '../../domain/ensure-bootstrap-admin';

export default fp<{ config: Config }>(
  async (app, { config }) => {
    if (config.bootstrapToken) await ensureBootstrapAdmin(app.prisma, config.bootstrapToken);
  },
  { name: 'bootstrap', dependencies: ['database'] },
);
