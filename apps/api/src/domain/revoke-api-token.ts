import type { PrismaClient } from '../db/types';
import { notFound } from '../lib/problem';
import type { AuthUser } from '../plugins/app/auth';
import { appendEvent } from './append-event';

/** A user revokes their own token (admins any token). Revoking twice is harmless. */
export async function revokeApiToken(
  prisma: PrismaClient,
  actor: AuthUser,
  tokenId: number,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId } });
    // Someone else's token is "not found": ids of other users' tokens are not revealed.
    if (!token || (token.userId !== actor.id && actor.role !== 'admin'))
      throw notFound(`Token ${tokenId}`);
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await appendEvent(tx, {
      type: 'token.revoked',
      actorId: actor.id,
      data: { tokenId, userId: token.userId },
    });
  });
}
