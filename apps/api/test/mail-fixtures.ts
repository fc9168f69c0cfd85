// Real parts for the mail tests: an SMTP server (smtp-server from npm) that
// keeps what Dust sends, the mail worker driven step by step, and replies
// written the way list members write them.
import { createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Config, MailConfig } from '../src/config';
import { createSmtpSender } from '../src/mail/smtp-transport';
import type { TestApp } from '../src/testing';
import { type MailStep, MailWorker } from '../src/worker/mail/mail-worker';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string;
  subject: string;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  stop(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 (a given port or any free one) that stores every message. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n');
        const parsed = await simpleParser(raw);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
          subject: parsed.subject ?? '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (for "SMTP is down"). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

export function mailConfig(smtpPort: number, extra: Partial<MailConfig> = {}): MailConfig {
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    from: { name: 'Dust', address: 'dust@dust.example.org' },
    listAddress: 'seccomp-flags@lists.example.org',
    publicUrl: 'https://dust.example.org',
    loreUrl: undefined,
    ...extra,
  };
}

export function mailOverrides(smtpPort: number, extra: Partial<MailConfig> = {}): Partial<Config> {
  return { mail: mailConfig(smtpPort, extra), mailRetrySeconds: 0.05, lorePollSeconds: 1 };
}

export interface MailWorkerHandle {
  worker: MailWorker;
  close(): void;
}

/** A mail worker on the test app's database, sending through the real SMTP transport. */
export function mailWorkerFor(t: TestApp, workerId = 'test-worker'): MailWorkerHandle {
  const mail = t.config.mail as MailConfig;
  const smtp = createSmtpSender(mail.smtpUrl);
  const worker = new MailWorker({
    prisma: t.app.prisma,
    mail,
    send: smtp.send,
    retrySeconds: t.config.mailRetrySeconds,
    lorePollSeconds: t.config.lorePollSeconds,
    workerId,
  });
  return { worker, close: () => smtp.close() };
}

/** Runs worker steps until one does nothing; returns the steps. */
export async function drain(worker: MailWorker, maxSteps = 100): Promise<MailStep[]> {
  const steps: MailStep[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const step = await worker.runOnce();
    steps.push(step);
    if (step.notifications === 0 && step.sent === null && !step.lore?.ingested) return steps;
  }
  throw new Error(`the mail worker was still busy after ${maxSteps} steps`);
}

let replyCounter = 0;

/** A plain-text reply as a list member writes it: quote, own text, signature. */
export function reply(opts: {
  to: ReceivedMail;
  from: string;
  text: string;
  references?: string[];
  messageId?: string;
  headers?: string[];
}): { raw: string; messageId: string } {
  replyCounter += 1;
  const messageId = opts.messageId ?? `reply-${process.pid}-${replyCounter}@list.example.org`;
  const refs = [...(opts.references ?? []), opts.to.messageId];
  const quoted = opts.to.raw
    .split('\n\n')
    .slice(1)
    .join('\n\n')
    .split('\n')
    .slice(0, 8)
    .map((l) => `> ${l}`)
    .join('\n');
  const raw = [
    `From: ${opts.from}`,
    'To: seccomp-flags@lists.example.org',
    `Subject: Re: ${opts.to.subject}`,
    'Date: Tue, 2 Dec 2026 10:00:00 +0000',
    `Message-Id: <${messageId}>`,
    `In-Reply-To: <${opts.to.messageId}>`,
    `References: ${refs.map((r) => `<${r}>`).join(' ')}`,
    ...(opts.headers ?? []),
    '',
    'On Mon, 1 Dec 2026, Dust wrote:',
    quoted,
    '',
    opts.text,
    '',
    '-- ',
    'Sent from a kernel hacker',
    '',
  ].join('\n');
  return { raw, messageId };
}
