// The `mail` field of releases and revisions: a posting's state as users see it
// ("sending" is an internal claim and shows as queued).
import type { MailStatus } from '../../generated/prisma/client';
import { isoOrNull } from '../../lib/present';

export interface PostingRow {
  status: MailStatus;
  sentAt: Date | null;
  error: string | null;
  messages: { messageId: string }[];
}

/** Include this to present a posting: its state and the cover letter's id. */
export const POSTING_SELECT = {
  status: true,
  sentAt: true,
  error: true,
  messages: { where: { position: 0 }, select: { messageId: true } },
} as const;

export function presentMail(posting: PostingRow | null | undefined) {
  if (!posting) return null;
  return {
    status: posting.status === 'sending' ? ('queued' as const) : posting.status,
    messageId: posting.messages[0]?.messageId ?? null,
    sentAt: isoOrNull(posting.sentAt),
    error: posting.error,
  };
}

/** Include this on comments and reviews to present where a reply from the list came from. */
export const MAIL_ORIGIN_SELECT = {
  fromName: true,
  userId: true,
  messageId: true,
  patch: true,
} as const;

export function presentMailOrigin(
  mail:
    | { fromName: string; userId: number | null; messageId: string; patch: string | null }
    | null
    | undefined,
) {
  if (!mail) return null;
  return {
    from: mail.fromName,
    viaAccount: mail.userId !== null,
    messageId: mail.messageId,
    patch: mail.patch,
  };
}
