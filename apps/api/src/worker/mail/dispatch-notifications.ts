// Turns new events into notification mail (docs/design.md, "Mail"): each event
// of NOTIFY_RULES once, to the users it concerns who have a verified address and
// notifications on. Events are taken with FOR UPDATE SKIP LOCKED and marked in
// NotifiedEvent in the same transaction as the postings, so instances share the
// work and none mails an event twice; an event committed late is still found
// (no cursor skips it). Events from before mail was first on are never mailed.
import { randomBytes } from 'node:crypto';
import type { MailConfig } from '../../config';
import type { Tx } from '../../db/types';
import { type EventRow, eventContext } from '../../domain/mail/event-context';
import { involvedUserIds } from '../../domain/mail/involved-users';
import { MAIL_ACCOUNT_NAME } from '../../domain/mail/mail-account';
import { NOTIFY_RULES, NOTIFY_TYPES } from '../../domain/mail/notify-rules';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { composeNotification } from '../../mail/compose-notification';

const BATCH = 20;
const CURSOR = 'notifications';

async function startAfter(tx: Tx): Promise<number> {
  await tx.$executeRaw`
    INSERT INTO "MailCursor" (name, "eventId")
    SELECT ${CURSOR}, COALESCE(max(id), 0) FROM "Event"
    ON CONFLICT (name) DO NOTHING`;
  return (await tx.mailCursor.findUniqueOrThrow({ where: { name: CURSOR } })).eventId;
}

async function ensureUnsubscribeToken(
  tx: Tx,
  user: { id: number; unsubscribeToken: string | null },
) {
  if (user.unsubscribeToken) return user.unsubscribeToken;
  const token = randomBytes(24).toString('base64url');
  await tx.user.update({ where: { id: user.id }, data: { unsubscribeToken: token } });
  return token;
}

function excerpt(text: string): string[] {
  const lines = text.split('\n').slice(0, 20);
  return lines.map((l) => `  | ${l}`.trimEnd());
}

async function notifyEvent(tx: Tx, mail: MailConfig, event: EventRow): Promise<number> {
  const audience = NOTIFY_RULES[event.type];
  const context = await eventContext(tx, event);
  if (!audience || !context.proposal) return 0;
  const ids =
    audience === 'author'
      ? new Set([context.proposal.authorId])
      : await involvedUserIds(tx, context.proposal.id);
  if (event.actorId !== null) ids.delete(event.actorId);
  if (ids.size === 0) return 0;
  const users = await tx.user.findMany({
    where: {
      id: { in: [...ids] },
      mailNotifications: true,
      email: { not: null },
      emailVerifiedAt: { not: null },
      name: { not: MAIL_ACCOUNT_NAME },
    },
  });
  const data = (event.data ?? {}) as Record<string, unknown>;
  const said =
    typeof data.commentId === 'number'
      ? (await tx.comment.findUnique({ where: { id: data.commentId } }))?.body
      : typeof data.reviewId === 'number'
        ? (await tx.review.findUnique({ where: { id: data.reviewId } }))?.body
        : undefined;
  const link =
    event.type === 'build.finished' && context.release !== null
      ? `${mail.publicUrl}/releases/${context.release}`
      : `${mail.publicUrl}/proposals/${context.proposal.id}`;
  const domain = mail.from.address.split('@')[1] ?? 'dust.invalid';
  for (const user of users) {
    const token = await ensureUnsubscribeToken(tx, user);
    const messageId = `dust-event-${event.id}-user-${user.id}@${domain}`;
    const raw = await composeNotification(mail, {
      to: { name: user.name, address: user.email as string },
      subject: `[Dust] ${context.summary}`.slice(0, 200),
      text: [
        `${context.summary}.`,
        '',
        ...(said ? [...excerpt(said), ''] : []),
        link,
        '',
        '-- ',
        `You get this because you took part in proposal ${context.proposal.id} on Dust.`,
        `Turn these mails off: ${mail.publicUrl}/unsubscribe/${token}`,
        '',
      ].join('\n'),
      messageId,
      unsubscribeUrl: `${mail.publicUrl}/api/unsubscribe/${token}`,
    });
    await tx.mailPosting.create({
      data: {
        kind: 'notification',
        eventId: event.id,
        userId: user.id,
        recipients: [user.email as string],
        messages: { create: [{ position: 0, messageId, raw }] },
      },
    });
  }
  return users.length;
}

/** One batch of events; returns how many notifications were queued. */
export async function dispatchNotifications(
  prisma: PrismaClient,
  mail: MailConfig,
): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const after = await startAfter(tx);
      const rows = await tx.$queryRaw<{ id: number }[]>`
        SELECT e.id FROM "Event" e
         WHERE e.id > ${after}
           AND e.type IN (${Prisma.join(NOTIFY_TYPES)})
           AND NOT EXISTS (SELECT 1 FROM "NotifiedEvent" n WHERE n."eventId" = e.id)
         ORDER BY e.id
         LIMIT ${BATCH}
           FOR UPDATE OF e SKIP LOCKED`;
      let queued = 0;
      for (const { id } of rows) {
        const event = await tx.event.findUniqueOrThrow({
          where: { id },
          include: { actor: { select: { id: true, name: true } } },
        });
        queued += await notifyEvent(tx, mail, event);
        await tx.notifiedEvent.create({ data: { eventId: id } });
      }
      return queued;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
