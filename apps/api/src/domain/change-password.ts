import type { PrismaClient } from '../db/types';
import { forbidden } from '../lib/problem';
import { hashPassword, verifyPassword } from '../lib/secrets';
import { appendEvent } from './append-event';

/** Sets a password; when one is set already, the current one must be given. Other sessions end. */
export async function changePassword(
  prisma: PrismaClient,
  userId: number,
  currentPassword: string | undefined,
  password: string,
  keepSessionId: number | null,
): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (
    user.passwordHash &&
    !(currentPassword && (await verifyPassword(currentPassword, user.passwordHash)))
  ) {
    throw forbidden('The current password is wrong or missing.');
  }
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({
      where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    });
    await appendEvent(tx, { type: 'user.password-changed', actorId: userId });
  });
}
