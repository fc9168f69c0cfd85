import type { Tx } from '../db/types';
import { newSecret, sha256 } from '../lib/secrets';
import { appendEvent } from './append-event';
import { SESSION_TTL_MS } from './sign-in';

/**
 * A new cookie session with its own CSRF token, exactly as password login
 * makes one (sign-in.ts); only the id's hash is stored.
 */
export async function createSession(tx: Tx, userId: number, via: 'github') {
  const sessionId = newSecret('');
  const csrfToken = newSecret('');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await tx.session.create({ data: { idHash: sha256(sessionId), userId, csrfToken, expiresAt } });
  await appendEvent(tx, {
    type: 'session.created',
    actorId: userId,
    data: { via },
  });
  return { sessionId, csrfToken, expiresAt };
}
