// DUST_BOOTSTRAP_TOKEN: after start, an `admin` account exists that this token
// authenticates — the way to create the first real accounts.
import { isUniqueViolation } from '../db/errors';
import type { PrismaClient } from '../db/types';
import { sha256 } from '../lib/secrets';
import { appendEvent } from './append-event';

export const BOOTSTRAP_ADMIN_NAME = 'admin';

export async function ensureBootstrapAdmin(prisma: PrismaClient, token: string): Promise<void> {
  // Replicas start together: when another instance created the admin or its
  // token first (a unique violation here), the next attempt finds them.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureOnce(prisma, token);
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function ensureOnce(prisma: PrismaClient, token: string): Promise<void> {
  const hash = sha256(token);
  await prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { name: BOOTSTRAP_ADMIN_NAME } });
    const user =
      existing ?? (await tx.user.create({ data: { name: BOOTSTRAP_ADMIN_NAME, role: 'admin' } }));
    if (!existing)
      await appendEvent(tx, {
        type: 'user.created',
        actorId: user.id,
        data: { name: user.name, role: 'admin', via: 'bootstrap' },
      });
    else if (existing.role !== 'admin') {
      await tx.user.update({ where: { id: user.id }, data: { role: 'admin' } });
      await appendEvent(tx, {
        type: 'user.role-changed',
        actorId: user.id,
        data: { role: 'admin', via: 'bootstrap' },
      });
    }
    const current = await tx.apiToken.findUnique({ where: { hash } });
    if (current && current.userId === user.id && !current.revokedAt) return;
    if (current) {
      await tx.apiToken.update({
        where: { id: current.id },
        data: { userId: user.id, revokedAt: null },
      });
    } else {
      await tx.apiToken.create({
        data: { userId: user.id, hash, prefix: token.slice(0, 8), name: 'DUST_BOOTSTRAP_TOKEN' },
      });
    }
    await appendEvent(tx, {
      type: 'token.created',
      actorId: user.id,
      data: { name: 'DUST_BOOTSTRAP_TOKEN' },
    });
  });
}
