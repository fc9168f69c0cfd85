// Who a person is in a patch series: From:, Signed-off-by: and Acked-by: lines.
// Accounts without an email get an address in the reserved .invalid domain
// (RFC 2606), so a series can always be signed; both go through the one email
// rule (packages/model/src/rules/email.ts), so what is used here renders. An
// address stored before that rule tightened, which it refuses, is replaced the
// same way rather than breaking the series.
import { isValidEmail } from '@dust/model';

export const FALLBACK_EMAIL_DOMAIN = 'users.dust.invalid';

export interface AuthorIdentity {
  name: string;
  email: string;
}

export function authorIdentity(user: { name: string; email: string | null }): AuthorIdentity {
  if (user.email !== null && isValidEmail(user.email))
    return { name: user.name, email: user.email };
  // Account names may hold "..", which a dot-atom cannot; the address only has to be unique.
  const local = user.name.replace(/\.{2,}/g, '.');
  return { name: user.name, email: `${local}@${FALLBACK_EMAIL_DOMAIN}` };
}
