import type { PrismaClient } from '../db/types';
import { unauthorized } from '../lib/problem';
import { DUMMY_PASSWORD_HASH, newSecret, sha256, verifyPassword } from '../lib/secrets';
import { appendEvent } from './append-event';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** Password login: a new cookie session with its own CSRF token. */
export async function signIn(prisma: PrismaClient, name: string, password: string) {
  const user = await prisma.user.findUnique({ where: { name } });
  // Check against a dummy hash for unknown users, so timing does not reveal account names.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user?.passwordHash || !ok) throw unauthorized('Wrong name or password.');
  const sessionId = newSecret('');
  const csrfToken = newSecret('');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await prisma.$transaction(async (tx) => {
    await tx.session.create({
      data: { idHash: sha256(sessionId), userId: user.id, csrfToken, expiresAt },
    });
    await appendEvent(tx, { type: 'session.created', actorId: user.id });
  });
  return { user, sessionId, csrfToken, expiresAt };
}
