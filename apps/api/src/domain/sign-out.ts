import type { PrismaClient } from '../db/types';
import { appendEvent } from './append-event';

export async function signOut(
  prisma: PrismaClient,
  userId: number,
  sessionId: number,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: sessionId } });
    await appendEvent(tx, { type: 'session.deleted', actorId: userId });
  });
}
