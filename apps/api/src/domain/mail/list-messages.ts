// A series' files as the messages of one posting to the list, in series order,
// dated one second apart from now, as git send-email dates them.
import type { MailConfig } from '../../config';
import { formatListMessage } from '../../mail/format-list-message';

export interface PostingMessage {
  position: number;
  messageId: string;
  patch: string | null;
  raw: string;
}

export function listMessages(
  files: { name: string; content: string }[],
  mail: MailConfig,
  opts: { rfc?: { idPrefix: string }; coverIntro?: string[]; now?: Date } = {},
): PostingMessage[] {
  const start = (opts.now ?? new Date()).getTime();
  return files.map((file, position) => {
    const message = formatListMessage({
      file: file.content,
      sender: mail.from,
      to: mail.listAddress,
      date: new Date(start + position * 1000),
      ...(opts.rfc ? { rfc: opts.rfc } : {}),
      ...(position === 0 && opts.coverIntro ? { intro: opts.coverIntro } : {}),
    });
    return {
      position,
      messageId: message.messageId,
      // The cover letter stands for the series as a whole.
      patch: position === 0 ? null : file.name,
      raw: message.raw,
    };
  });
}
