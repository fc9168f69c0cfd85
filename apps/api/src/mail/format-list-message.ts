// A rendered series file as git send-email puts it on the list: the sender is
// Dust's address (DUST_MAIL_FROM), and when the patch's author is someone else
// the body starts with an in-body "From: author" line, which git am and b4 take
// as the author. Subject, Message-Id, In-Reply-To and References stay as the
// renderer wrote them, so b4 finds the thread and lore links resolve. An RFC
// posting gets "[RFC PATCH …]" subjects and ids of its own (docs/design.md, "Mail").
import { decodeEncodedWords, formatMailbox, hasNonAscii } from './mailbox';

export interface ListMessageOptions {
  /** One file of Series.files: an RFC 2822 message as git format-patch writes it. */
  file: string;
  sender: { name: string; address: string };
  to: string;
  date: Date;
  /** An RFC posting: ids get this prefix (unique per revision), subjects "[RFC PATCH …]". */
  rfc?: { idPrefix: string };
  /** Lines put at the start of the body (after an in-body From:): the RFC cover letter's note. */
  intro?: string[];
}

export interface ListMessage {
  messageId: string;
  raw: string;
}

/** SMTP refuses lines longer than 998 octets (RFC 5321); send-email would re-encode, Dust refuses. */
const MAX_LINE_OCTETS = 998;

interface Header {
  name: string;
  value: string;
}

function splitMessage(file: string): { headers: Header[]; body: string } {
  let text = file.replace(/\r\n/g, '\n');
  if (text.startsWith('From ')) text = text.slice(text.indexOf('\n') + 1);
  const end = text.indexOf('\n\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 2);
  const headers: Header[] = [];
  for (const line of head.split('\n')) {
    const last = headers.at(-1);
    if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
    }
  }
  return { headers, body };
}

function header(headers: Header[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** RFC 2822 date in UTC, as git send-email writes it. */
export function rfc2822Date(date: Date): string {
  return date
    .toUTCString()
    .replace(/GMT$/, '+0000')
    .replace(/^(\w+), 0?(\d+)/, '$1, $2');
}

function parseAddress(value: string): { name: string; address: string } {
  const match = /^(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  if (!match) return { name: '', address: value.trim() };
  return {
    name: decodeEncodedWords(match[1] as string)
      .replace(/^"(.*)"$/, '$1')
      .replace(/\\(.)/g, '$1'),
    address: match[2] as string,
  };
}

export function formatListMessage(opts: ListMessageOptions): ListMessage {
  const { headers, body } = splitMessage(opts.file);
  const rewriteIds = (value: string) =>
    opts.rfc ? value.replace(/<([^<>\s]+)>/g, `<${opts.rfc.idPrefix}$1>`) : value;
  const messageIdHeader = header(headers, 'Message-Id');
  const subject = header(headers, 'Subject');
  if (!messageIdHeader || !subject) throw new Error('a series file without Message-Id or Subject');
  const messageId = rewriteIds(messageIdHeader).replace(/^<|>$/g, '');

  const author = parseAddress(header(headers, 'From') ?? '');
  const sameAuthor =
    author.address.toLowerCase() === opts.sender.address.toLowerCase() &&
    author.name === opts.sender.name;
  const prelude: string[] = [];
  if (author.address && !sameAuthor) prelude.push(`From: ${author.name} <${author.address}>`, '');
  if (opts.intro?.length) prelude.push(...opts.intro, '');
  const fullBody = prelude.length > 0 ? `${prelude.join('\n')}\n${body}` : body;

  const out = [
    `From: ${formatMailbox(opts.sender)}`,
    `To: ${opts.to}`,
    `Subject: ${opts.rfc ? subject.replace(/^\[PATCH\b/, '[RFC PATCH') : subject}`,
    `Date: ${rfc2822Date(opts.date)}`,
    `Message-Id: <${messageId}>`,
  ];
  for (const name of ['In-Reply-To', 'References']) {
    const value = header(headers, name);
    if (value) out.push(`${name}: ${rewriteIds(value)}`);
  }
  const mime = ['MIME-Version', 'Content-Type', 'Content-Transfer-Encoding'];
  if (header(headers, 'Content-Type')) {
    for (const name of mime) {
      const value = header(headers, name);
      if (value) out.push(`${name}: ${value}`);
    }
  } else if (hasNonAscii(fullBody)) {
    out.push(
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
    );
  }
  const raw = `${out.join('\n')}\n\n${fullBody}`;
  for (const line of raw.split('\n')) {
    if (Buffer.byteLength(line) > MAX_LINE_OCTETS) {
      throw new Error(`${subject}: a line is longer than ${MAX_LINE_OCTETS} octets`);
    }
  }
  return { messageId, raw };
}
