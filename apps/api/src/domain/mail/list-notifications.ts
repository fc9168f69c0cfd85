// "What happened since you last looked": the events NOTIFY_RULES sends mail
// about, for one user, newest first — the same rule as the mail, whether or not
// the user gets mail. Events newer than the user's seen mark are unread.
import type { PrismaClient } from '../../db/types';
import type { Prisma } from '../../generated/prisma/client';
import { toPage } from '../../lib/paginate';
import { iso, userRef } from '../../lib/present';
import { eventContext } from './event-context';
import { proposalsOf } from './involved-users';
import { typesFor } from './notify-rules';

export async function listNotifications(
  prisma: PrismaClient,
  userId: number,
  page: { cursor?: number | undefined; limit: number },
) {
  const { involved, authored } = await proposalsOf(prisma, userId);
  const releases = await prisma.release.findMany({
    where: { revision: { proposalId: { in: involved } } },
    select: { id: true },
  });
  const involvedTypes = typesFor('involved');
  const concerning: Prisma.EventWhereInput = {
    AND: [
      { OR: [{ actorId: null }, { actorId: { not: userId } }] },
      {
        OR: [
          {
            type: { in: involvedTypes.filter((t) => t !== 'build.finished') },
            proposalId: { in: involved },
          },
          { type: { in: typesFor('author') }, proposalId: { in: authored } },
          { type: 'build.finished', releaseId: { in: releases.map((r) => r.id) } },
        ],
      },
    ],
  };
  const where: Prisma.EventWhereInput = page.cursor
    ? { AND: [concerning, { id: { lt: page.cursor } }] }
    : concerning;
  const [user, rows] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { seenEventId: true } }),
    prisma.event.findMany({
      where,
      include: { actor: { select: { id: true, name: true } } },
      orderBy: { id: 'desc' },
      take: page.limit + 1,
    }),
  ]);
  const { items, nextCursor } = toPage(rows, page.limit);
  const presented = [];
  for (const event of items) {
    const context = await eventContext(prisma, event);
    presented.push({
      id: event.id,
      type: event.type,
      unread: event.id > user.seenEventId,
      actor: event.actor ? userRef(event.actor) : null,
      proposal: context.proposal
        ? { id: context.proposal.id, title: context.proposal.title }
        : null,
      summary: context.summary,
      data: (event.data ?? {}) as Record<string, unknown>,
      createdAt: iso(event.createdAt),
    });
  }
  const unread = await prisma.event.count({
    where: { AND: [concerning, { id: { gt: user.seenEventId } }] },
  });
  return { items: presented, nextCursor, seenEventId: user.seenEventId, unread };
}

/** Marks everything up to `upTo` as seen; the mark never moves back. */
export async function markNotificationsSeen(prisma: PrismaClient, userId: number, upTo: number) {
  await prisma.user.updateMany({
    where: { id: userId, seenEventId: { lt: upTo } },
    data: { seenEventId: upTo },
  });
}
