// Runs the mail worker in the API process when mail is on and DUST_MAIL_WORKER
// is on; without mail it logs once that mail is off.
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { createSmtpSender, type SendRaw } from '../../mail/smtp-transport';
import { MailWorker } from './mail-worker';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's mail worker, or null (mail off or DUST_MAIL_WORKER off). */
    mailWorker: MailWorker | null;
  }
}

export default fp<{ config: Config; send?: SendRaw }>(
  async (app, { config, send }) => {
    const mail = config.mail;
    if (!mail) {
      app.log.info(
        'mail is off (set DUST_SMTP_URL, DUST_MAIL_FROM, DUST_LIST_ADDRESS, DUST_PUBLIC_URL)',
      );
    }
    if (!mail || !config.mailWorker) {
      app.decorate('mailWorker', null);
      return;
    }
    const smtp = send ? null : createSmtpSender(mail.smtpUrl);
    const worker = new MailWorker({
      prisma: app.prisma,
      mail,
      send: send ?? (smtp as { send: SendRaw }).send,
      pollMs: config.mailWorkerPollMs,
      retrySeconds: config.mailRetrySeconds,
      lorePollSeconds: config.lorePollSeconds,
      log: app.log,
    });
    app.decorate('mailWorker', worker);
    app.addHook('onReady', async () => worker.start());
    app.addHook('preClose', async () => {
      await worker.stop();
      smtp?.close();
    });
  },
  { name: 'mail-worker', dependencies: ['database'] },
);
