// Sends one claimed posting, message by message in order. Each message is
// marked sent right after the server accepted it, and only while this worker
// still holds the posting's lease, so a retry or another instance sends only
// what is left. (A crash between the server's "250" and that mark would send
// that one message again with the same Message-Id, which lists and
// public-inbox keep once: SMTP offers nothing stronger.) Failures are retried
// with backoff, 5xx refusals at most MAX_PERMANENT_ATTEMPTS times.
import type { MailConfig } from '../../config';
import { appendEvent } from '../../domain/append-event';
import type { PrismaClient } from '../../generated/prisma/client';
import { SendError, type SendRaw } from '../../mail/smtp-transport';
import type { ClaimedPosting } from './claim-mail-posting';
import { renewMailLease } from './claim-mail-posting';
import { composeSeriesPosting } from './compose-series-posting';

export const MAX_PERMANENT_ATTEMPTS = 5;
export const MAX_BACKOFF_SECONDS = 3600;

export interface SendContext {
  prisma: PrismaClient;
  mail: MailConfig;
  send: SendRaw;
  workerId: string;
  leaseSeconds: number;
  retrySeconds: number;
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'lost';

/** Seconds until the next try after `attempts` failed ones: retrySeconds doubling, capped at an hour. */
export function backoffSeconds(retrySeconds: number, attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, retrySeconds * 2 ** Math.max(0, attempts - 1));
}

export async function sendPosting(ctx: SendContext, claimed: ClaimedPosting): Promise<SendOutcome> {
  const { prisma } = ctx;
  try {
    if (claimed.kind === 'series') await composeSeriesPosting(prisma, claimed.id, ctx.mail);
    const posting = await prisma.mailPosting.findUniqueOrThrow({
      where: { id: claimed.id },
      include: { messages: { where: { sentAt: null }, orderBy: { position: 'asc' } } },
    });
    const to = posting.recipients as string[];
    for (const message of posting.messages) {
      if (!(await renewMailLease(prisma, posting.id, ctx.workerId, ctx.leaseSeconds)))
        return 'lost';
      await ctx.send({ from: ctx.mail.from.address, to }, message.raw);
      await prisma.outboundMessage.updateMany({
        where: { id: message.id, sentAt: null },
        data: { sentAt: new Date() },
      });
    }
    const { count } = await prisma.mailPosting.updateMany({
      where: { id: posting.id, claimedBy: ctx.workerId, status: 'sending' },
      data: {
        status: 'sent',
        sentAt: new Date(),
        error: null,
        claimedBy: null,
        leaseExpiresAt: null,
      },
    });
    if (count !== 1) return 'lost';
    await recordMailEvent(prisma, 'mail.sent', posting, {
      messages: posting.messages.length,
      worker: ctx.workerId,
    });
    return 'sent';
  } catch (error) {
    return deferOrFail(ctx, claimed, error);
  }
}

async function deferOrFail(
  ctx: SendContext,
  claimed: ClaimedPosting,
  error: unknown,
): Promise<SendOutcome> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const permanent = error instanceof SendError ? error.permanent : false;
  const giveUp = permanent && claimed.attempts >= MAX_PERMANENT_ATTEMPTS;
  const delay = backoffSeconds(ctx.retrySeconds, claimed.attempts);
  const { count } = await ctx.prisma.mailPosting.updateMany({
    where: { id: claimed.id, claimedBy: ctx.workerId, status: 'sending' },
    data: {
      status: giveUp ? 'failed' : 'queued',
      error: message,
      claimedBy: null,
      leaseExpiresAt: null,
      nextAttemptAt: new Date(Date.now() + delay * 1000),
    },
  });
  if (count !== 1) return 'lost';
  const posting = await ctx.prisma.mailPosting.findUniqueOrThrow({ where: { id: claimed.id } });
  await recordMailEvent(ctx.prisma, giveUp ? 'mail.failed' : 'mail.deferred', posting, {
    error: message,
    attempts: claimed.attempts,
    ...(giveUp ? {} : { retryInSeconds: delay }),
  });
  return giveUp ? 'failed' : 'retry';
}

async function recordMailEvent(
  prisma: PrismaClient,
  type: 'mail.sent' | 'mail.deferred' | 'mail.failed',
  posting: { id: number; kind: string; releaseId: number | null; revisionId: number | null },
  data: Record<string, string | number>,
): Promise<void> {
  const revision = posting.revisionId
    ? await prisma.revision.findUnique({ where: { id: posting.revisionId } })
    : null;
  await appendEvent(prisma, {
    type,
    proposalId: revision?.proposalId ?? null,
    revisionId: posting.revisionId,
    releaseId: posting.releaseId,
    data: { postingId: posting.id, kind: posting.kind, ...data },
  });
}
