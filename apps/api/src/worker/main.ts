// `npm run start:worker`: the build worker, the final-comment-period finisher
// (and, when mail is on, the mail worker) as a process of its own, with no HTTP server, for deployments where
// the API runs with DUST_BUILD_WORKER=off and DUST_MAIL_WORKER=off. It opens
// PostgreSQL (applying pending migrations, under the same advisory lock as the
// API), claims build jobs with FOR UPDATE SKIP LOCKED like any other worker, and
// on SIGTERM/SIGINT gives a running job back to the queue before it exits.
import { pino } from 'pino';
import { ConfigError, loadWorkerConfig } from '../config';
import { openDatabase } from '../db/open';
import { createGitHubTarget } from '../github/create-github-client';
import { loggerOptions } from '../lib/logger-options';
import { createSmtpSender } from '../mail/smtp-transport';
import { BuildWorker } from './build-worker';
import { FcpWorker } from './fcp/fcp-worker';
import { startHealthFile } from './health-file';
import { MailWorker, type MailWorkerOptions } from './mail/mail-worker';
import { realKernelTest } from './real-kernel-test';

const HEALTH_INTERVAL_MS = 10_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;

async function main() {
  const config = loadWorkerConfig();
  const log = pino(loggerOptions(config));
  const db = await openDatabase(config.database);
  if (db.migrated.length > 0) log.info({ migrations: db.migrated }, 'applied migrations');
  const worker = new BuildWorker({
    prisma: db.prisma,
    kernelTest: realKernelTest,
    ...(config.github ? { github: createGitHubTarget(config.github) } : {}),
    leaseSeconds: config.leaseSeconds,
    pollMs: config.pollMs,
    log,
  });
  const health = config.healthFile
    ? startHealthFile(db.prisma, config.healthFile, HEALTH_INTERVAL_MS, log)
    : null;
  worker.start();
  log.info(
    { workerId: worker.id, runner: config.github ? 'github' : 'local' },
    'build worker started',
  );
  const mail = startMailWorker(config, db.prisma, log);
  // Final comment periods that ran out get their disposition here too.
  const fcp = new FcpWorker({
    prisma: db.prisma,
    listAddress: config.mail?.listAddress,
    pollMs: config.pollMs,
    log,
  });
  fcp.start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('graceful shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      health?.stop();
      await Promise.all([worker.stop(), mail?.stop(), fcp.stop()]);
      await db.close();
      log.info('stopped');
      log.flush();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The mail worker beside the build worker, or null when mail or DUST_MAIL_WORKER is off. */
function startMailWorker(
  config: ReturnType<typeof loadWorkerConfig>,
  prisma: Awaited<ReturnType<typeof openDatabase>>['prisma'],
  log: NonNullable<MailWorkerOptions['log']>,
): { stop(): Promise<void> } | null {
  if (!config.mail || !config.mailWorker) {
    log.info({}, config.mail ? 'mail worker off (DUST_MAIL_WORKER)' : 'mail is off');
    return null;
  }
  const smtp = createSmtpSender(config.mail.smtpUrl);
  const worker = new MailWorker({
    prisma,
    mail: config.mail,
    send: smtp.send,
    pollMs: config.mailWorkerPollMs,
    retrySeconds: config.mailRetrySeconds,
    lorePollSeconds: config.lorePollSeconds,
    log,
  });
  worker.start();
  log.info({ workerId: worker.id }, 'mail worker started');
  return {
    async stop() {
      await worker.stop();
      smtp.close();
    },
  };
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
