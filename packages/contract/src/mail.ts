// Mail shapes (docs/design.md, "Mail"): the state of a posting to the list, the
// answer of POST /api/mail, account mail settings and the "since you last looked" list.
import { z } from 'zod';
import { pageOf, TimestampSchema, UserRefSchema } from './common';

export const MailStatusSchema = z
  .object({
    status: z
      .enum(['queued', 'sent', 'failed'])
      .describe('queued: waiting or being retried (see error); sent; failed: refused for good.'),
    messageId: z
      .string()
      .nullable()
      .describe('Message-Id of the cover letter (without <>); null until the series is composed.'),
    sentAt: TimestampSchema.nullable(),
    error: z.string().nullable().describe('The last failure, kept until it is sent.'),
  })
  .describe('The posting to the mailing list; null when it was never posted or mail is off.');

/** Where a comment or review came from when it was written in a reply to the list. */
export const MailOriginSchema = z
  .object({
    from: z.string().describe('The sender’s name as the mail gave it.'),
    viaAccount: z
      .boolean()
      .describe(
        'True: the sender is the author account (its verified email). False: someone outside Dust.',
      ),
    messageId: z.string(),
    patch: z
      .string()
      .nullable()
      .describe('The patch file the reply answers; null: the cover letter.'),
  })
  .describe('Set when this was taken from a reply on the list.');

export const MailSettingsSchema = z.object({
  email: z.string().nullable(),
  emailVerified: z.boolean().describe('Mail from this address counts as this account’s.'),
  mailNotifications: z.boolean(),
  mail: z.enum(['on', 'off']).describe('Whether this Dust sends mail at all (DUST_SMTP_URL …).'),
});

export const UpdateMeBodySchema = z
  .strictObject({
    mailNotifications: z.boolean().optional().describe('Mail about proposals you took part in.'),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const IngestResultSchema = z.object({
  status: z
    .enum(['ingested', 'duplicate', 'own', 'ignored'])
    .describe(
      'ingested: stored; duplicate: this Message-Id was taken in before; own: a message Dust sent; ignored: it answers nothing Dust posted.',
    ),
  messageId: z.string(),
  detail: z.string(),
  proposalId: z.number().int().nullable(),
  revision: z.number().int().nullable(),
  release: z.number().int().nullable(),
  patch: z.string().nullable(),
  commentId: z.number().int().nullable(),
  reviews: z.array(z.object({ id: z.number().int(), verdict: z.enum(['ack', 'nak', 'concern']) })),
  rejectedTrailers: z.array(z.object({ line: z.string(), reason: z.string() })),
});

export const MailInfoSchema = z.object({
  sending: z
    .boolean()
    .describe(
      'False: mail is off (set DUST_SMTP_URL, DUST_MAIL_FROM, DUST_LIST_ADDRESS, DUST_PUBLIC_URL).',
    ),
  list: z.string().nullable().describe('The list series and RFC postings go to.'),
  lore: z.string().nullable().describe('The public-inbox whose threads are followed.'),
});

export const NotificationSchema = z.object({
  id: z.number().int().describe('The event id.'),
  type: z.string(),
  unread: z.boolean().describe('Newer than what you marked as seen.'),
  actor: UserRefSchema.nullable(),
  proposal: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  summary: z.string().describe('One line saying what happened.'),
  data: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});

export const MarkSeenBodySchema = z.strictObject({
  upTo: z.number().int().min(0).describe('The newest notification id you have seen.'),
});

export const NotificationPageSchema = pageOf(NotificationSchema).extend({
  seenEventId: z.number().int(),
  unread: z.number().int().describe('How many are newer than your seen mark.'),
});

/** A whole message, bytes as received: the MIME parser decodes it. */
export const RawMailBodySchema = z.custom<Buffer>(
  (v) => Buffer.isBuffer(v),
  'a message/rfc822 body',
);

export const UnsubscribeParamsSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'an unsubscribe token'),
});

/** RFC 8058 sends "List-Unsubscribe=One-Click"; what the body says does not matter. */
export const OneClickUnsubscribeBodySchema = z.unknown().optional();

export const UnsubscribedSchema = z.object({
  name: z.string(),
  mailNotifications: z.literal(false),
});

export type MailStatus = z.output<typeof MailStatusSchema>;
export type MailOrigin = z.output<typeof MailOriginSchema>;
export type MailInfo = z.output<typeof MailInfoSchema>;
export type MailSettings = z.output<typeof MailSettingsSchema>;
export type Notification = z.output<typeof NotificationSchema>;
