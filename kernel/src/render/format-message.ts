import { fromHeader, needsUtf8, rfc2822, UTF8_HEADERS } from './mail-headers';
import type { Author } from './types';

export interface Message {
  /** 40 hex digits for the mbox `From ` line (a commit id in format-patch output). */
  id: string;
  author: Author;
  date: number;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  /** Everything after the headers' blank line. */
  body: string;
}

// Lines that would end or split a message when the mbox is read: a body line
// starting with "From " starts a new message. Every writer of user text indents
// it, so this is a last line of defence, never expected to fire.
const MBOX_SEPARATOR = /^From /m;

/** One email of the series, as `git format-patch` writes it (ending with a newline). */
export function formatMessage(m: Message): string {
  if (MBOX_SEPARATOR.test(m.body))
    throw new Error(`message ${m.subject}: a body line starts with "From "`);
  const headers = [
    `From ${m.id} Mon Sep 17 00:00:00 2001`,
    `From: ${fromHeader(m.author)}`,
    `Date: ${rfc2822(m.date)}`,
    `Subject: ${m.subject}`,
    `Message-Id: <${m.messageId}>`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
    ...(needsUtf8(m.author.name + m.body) ? UTF8_HEADERS : []),
  ];
  return `${headers.join('\n')}\n\n${m.body}`;
}
