// Reading one message with a real MIME parser (mailparser). What Dust keeps is
// text: the text/plain part, or the HTML part turned into plain text (never
// rendered); attachments are ignored; nothing remote is fetched. Headers are
// decoded (RFC 2047) by the parser and reduced to one visible line here.
import { oneLineTextProblem, parseMessageIds } from '@dust/model';
import { convert } from 'html-to-text';
import { type AddressObject, simpleParser } from 'mailparser';

export interface ParsedMail {
  messageId: string;
  inReplyTo: string[];
  references: string[];
  from: { name: string; address: string };
  subject: string;
  /** The body as plain text, with characters Dust does not store removed. */
  text: string;
}

export class BadMailError extends Error {}

// Controls other than tab and newline, and lone surrogates, are not stored (docs/design.md, "Text").
const UNSTORABLE = /(?![\t\n\r])\p{Cc}|\p{Cs}/gu;

function oneLine(text: string, max: number): string {
  const line = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...line].slice(0, max).join('');
  return oneLineTextProblem(cut) === undefined ? cut : '';
}

function firstMailbox(from: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address) return { name: entry.name ?? '', address: entry.address };
      for (const member of entry.group ?? []) {
        if (member.address) return { name: member.name ?? '', address: member.address };
      }
    }
  }
  return undefined;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ');
  return undefined;
}

export async function parseMail(raw: Buffer | string): Promise<ParsedMail> {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  if (!/^[\x21-\x39\x3b-\x7e]+:/m.test(text.slice(0, 4096)) || !/\r?\n\r?\n/.test(text)) {
    throw new BadMailError('not an RFC 5322 message (no header block)');
  }
  const mail = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
  const messageId = parseMessageIds(mail.messageId)[0];
  if (!messageId) throw new BadMailError('the message has no Message-Id');
  if (messageId.length > 500)
    throw new BadMailError('the Message-Id is longer than 500 characters');
  const from = firstMailbox(mail.from);
  if (!from) throw new BadMailError('the message has no From: address');
  // mailparser derives text from a lone HTML body only; HTML inside multipart/mixed is ours
  // to read as text: images and link targets dropped, nothing fetched.
  const body =
    mail.text ??
    (typeof mail.html === 'string'
      ? convert(mail.html, {
          wordwrap: false,
          selectors: [
            { selector: 'img', format: 'skip' },
            { selector: 'a', options: { ignoreHref: true } },
          ],
        })
      : '');
  return {
    messageId,
    inReplyTo: parseMessageIds(headerText(mail.inReplyTo)),
    references: parseMessageIds(headerText(mail.references)),
    from: { name: oneLine(from.name, 100), address: oneLine(from.address, 254).toLowerCase() },
    subject: oneLine(mail.subject ?? '', 300),
    text: body.replace(UNSTORABLE, ''),
  };
}
