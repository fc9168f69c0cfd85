import type { Db } from '../db/types';
import { newSecret, sha256 } from '../lib/secrets';
import { appendEvent } from './append-event';

export const TOKEN_PREFIX = 'dust_';

/** Issues a new API token for a user; the token itself is returned once and stored hashed. */
export async function createApiToken(db: Db, userId: number, name: string, actorId = userId) {
  const token = newSecret(TOKEN_PREFIX);
  const row = await db.apiToken.create({
    data: { userId, name, hash: sha256(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) },
  });
  await appendEvent(db, {
    type: 'token.created',
    actorId,
    data: { tokenId: row.id, userId, name },
  });
  return { row, token };
}
