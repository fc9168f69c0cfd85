// The final-comment-period finisher: a loop in every process that runs the
// build worker (the API with DUST_BUILD_WORKER=on, or `npm run start:worker`).
// Each round claims one period that ran out and gives it its disposition.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { finishFcp } from '../../domain/fcp/finish-fcp';
import type { PrismaClient } from '../../generated/prisma/client';
import { PollLoop } from '../poll-loop';
import { claimDueFcp } from './claim-due-fcp';

export interface FcpWorkerOptions {
  prisma: PrismaClient;
  /** With mail on, an approval queues its series for the list, as a manual one does. */
  listAddress?: string | undefined;
  pollMs?: number;
  leaseSeconds?: number;
  workerId?: string;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export class FcpWorker {
  readonly id: string;
  private readonly loop: PollLoop;

  constructor(private readonly options: FcpWorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.loop = new PollLoop({
      pollMs: options.pollMs ?? 2000,
      step: async () => (await this.runOnce()) !== null,
      onError: (error) => options.log?.error({ err: error }, 'fcp finisher step failed'),
    });
  }

  /** Finishes one due period, if any; returns what happened (null: none was due). */
  async runOnce() {
    const { prisma } = this.options;
    const due = await claimDueFcp(prisma, this.id, this.options.leaseSeconds ?? 60);
    if (!due) return null;
    const result = await finishFcp(prisma, due.id, { listAddress: this.options.listAddress });
    this.options.log?.info({ fcpId: due.id, proposalId: due.proposalId, ...result }, 'fcp');
    return { fcpId: due.id, ...result };
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
