import type { PrismaClient } from '../db/types';
import type { Role } from '../generated/prisma/client';
import { conflict } from '../lib/problem';
import { hashPassword } from '../lib/secrets';
import { appendEvent } from './append-event';
import { createApiToken } from './create-api-token';

export interface NewUser {
  name: string;
  role: Role;
  email?: string | undefined;
  password?: string | undefined;
}

/** Admins create accounts; each new account gets a first API token. */
export async function createUser(prisma: PrismaClient, actorId: number, input: NewUser) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return prisma.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { name: input.name } });
    if (taken) throw conflict('user-exists', `An account named "${input.name}" already exists.`);
    const user = await tx.user.create({
      data: {
        name: input.name,
        role: input.role,
        email: input.email ?? null,
        // An admin creating the account vouches for its address (docs/design.md, "Mail").
        emailVerifiedAt: input.email ? new Date() : null,
        passwordHash,
      },
    });
    await appendEvent(tx, {
      type: 'user.created',
      actorId,
      data: { userId: user.id, name: user.name, role: user.role },
    });
    const { token } = await createApiToken(tx, user.id, 'first token', actorId);
    return { user, token };
  });
}
