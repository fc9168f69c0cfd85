// The mail worker (docs/design.md, "Mail"): a loop the API process runs (or a
// separate worker process), one step at a time — give back dead claims, turn
// new events into notifications, send one posting, now and then follow lore.
// Any number may run against one database.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { MailConfig } from '../../config';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SendRaw } from '../../mail/smtp-transport';
import { PollLoop } from '../poll-loop';
import { claimMailPosting, requeueStaleMailPostings } from './claim-mail-posting';
import { dispatchNotifications } from './dispatch-notifications';
import { followLore } from './follow-lore';
import { type SendOutcome, sendPosting } from './send-posting';

export interface MailWorkerOptions {
  prisma: PrismaClient;
  mail: MailConfig;
  send: SendRaw;
  pollMs?: number;
  leaseSeconds?: number;
  retrySeconds?: number;
  lorePollSeconds?: number;
  workerId?: string;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface MailStep {
  notifications: number;
  sent: { postingId: number; outcome: SendOutcome } | null;
  lore: { threads: number; ingested: number } | null;
}

export class MailWorker {
  readonly id: string;
  private readonly loop: PollLoop;
  private lastLore = 0;

  constructor(private readonly options: MailWorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.loop = new PollLoop({
      pollMs: options.pollMs ?? 2000,
      step: async () => {
        const step = await this.runOnce();
        return step.notifications > 0 || step.sent !== null;
      },
      onError: (error) => options.log?.error({ err: error }, 'mail worker step failed'),
    });
  }

  /** One step of each kind of work; returns what it did. */
  async runOnce(): Promise<MailStep> {
    const { prisma, mail } = this.options;
    await requeueStaleMailPostings(prisma);
    const notifications = await dispatchNotifications(prisma, mail);
    const claimed = await claimMailPosting(prisma, this.id, this.options.leaseSeconds ?? 120);
    let sent: MailStep['sent'] = null;
    if (claimed) {
      const outcome = await sendPosting(
        {
          prisma,
          mail,
          send: this.options.send,
          workerId: this.id,
          leaseSeconds: this.options.leaseSeconds ?? 120,
          retrySeconds: this.options.retrySeconds ?? 30,
        },
        claimed,
      );
      sent = { postingId: claimed.id, outcome };
      this.options.log?.info(
        { postingId: claimed.id, kind: claimed.kind, outcome },
        'mail posting',
      );
    }
    let lore: MailStep['lore'] = null;
    const loreEvery = (this.options.lorePollSeconds ?? 300) * 1000;
    if (mail.loreUrl && Date.now() - this.lastLore >= Math.min(loreEvery, 60_000)) {
      this.lastLore = Date.now();
      const round = await followLore(prisma, mail.loreUrl, this.options.lorePollSeconds ?? 300);
      for (const error of round.errors) this.options.log?.error({ error }, 'lore follower');
      lore = { threads: round.threads, ingested: round.ingested };
    }
    return { notifications, sent, lore };
  }

  start(): void {
    this.loop.start();
  }

  /** Looks at the outbox now (after an approval or a posting) instead of at the next poll. */
  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
