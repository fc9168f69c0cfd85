// A user's mail settings: PATCH /api/me, the account page, and the
// List-Unsubscribe link of every notification (which needs no sign-in: the
// token in it is the user's secret and can only turn mail off).
import type { Db, PrismaClient } from '../../db/types';
import { notFound } from '../../lib/problem';
import { appendEvent } from '../append-event';

export async function mailSettings(db: Db, userId: number, mailOn: boolean) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    email: user.email,
    emailVerified: user.email !== null && user.emailVerifiedAt !== null,
    mailNotifications: user.mailNotifications,
    mail: mailOn ? ('on' as const) : ('off' as const),
  };
}

export async function setMailNotifications(
  prisma: PrismaClient,
  userId: number,
  on: boolean,
  via: 'account' | 'unsubscribe',
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (user.mailNotifications === on) return;
    await tx.user.update({ where: { id: userId }, data: { mailNotifications: on } });
    await appendEvent(tx, {
      type: 'user.notifications-changed',
      actorId: userId,
      data: { userId, mailNotifications: on, via },
    });
  });
}

/** One-click unsubscribe (RFC 8058) by the token of the user's notifications. */
export async function unsubscribe(prisma: PrismaClient, token: string) {
  const user = await prisma.user.findUnique({ where: { unsubscribeToken: token } });
  if (!user) throw notFound('This unsubscribe link');
  await setMailNotifications(prisma, user.id, false, 'unsubscribe');
  return { name: user.name, mailNotifications: false as const };
}
