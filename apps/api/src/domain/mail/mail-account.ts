// People outside Dust who reply on the list: their comments and reviews belong
// to one built-in account that cannot sign in (no password, no token), and the
// mail record keeps the sender's name and address. Its name has a space, which
// account names cannot have, so no one can register it.
import { isUniqueViolation } from '../../db/errors';
import type { Db } from '../../db/types';

export const MAIL_ACCOUNT_NAME = 'via mail';

export async function mailAccountId(db: Db): Promise<number> {
  const found = await db.user.findUnique({ where: { name: MAIL_ACCOUNT_NAME } });
  if (found) return found.id;
  try {
    return (await db.user.create({ data: { name: MAIL_ACCOUNT_NAME, role: 'contributor' } })).id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await db.user.findUniqueOrThrow({ where: { name: MAIL_ACCOUNT_NAME } })).id;
  }
}
