// Addresses in headers Dust writes: a display name from user text is quoted or
// RFC 2047-encoded, never pasted raw, so it cannot add a header or a recipient.

// biome-ignore lint/suspicious/noControlCharactersInRegex: checking for non-ASCII
const NON_ASCII = /[^\u0000-\u007f]/;
// Characters a display name may carry unquoted (RFC 5322 atext and spaces).
const PLAIN_NAME = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}

/** RFC 2047 "B" encoding, in words short enough for a header line. */
function encodeWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(' ');
}

/** `Name <address>` for a header; control characters in the name become spaces. */
export function formatMailbox(mailbox: { name: string; address: string }): string {
  const name = mailbox.name.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
  if (name === '') return mailbox.address;
  if (hasNonAscii(name)) return `${encodeWords(name)} <${mailbox.address}>`;
  if (PLAIN_NAME.test(name)) return `${name} <${mailbox.address}>`;
  return `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}" <${mailbox.address}>`;
}

/** Decodes RFC 2047 encoded words (as git writes non-ASCII names) into text. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(
      /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g,
      (whole, charset: string, enc, data: string) => {
        let bytes: Buffer;
        if (enc.toUpperCase() === 'B') bytes = Buffer.from(data, 'base64');
        else {
          const text = data.replaceAll('_', ' ');
          const out: number[] = [];
          for (let i = 0; i < text.length; i++) {
            const hex = text.slice(i + 1, i + 3);
            if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
              out.push(Number.parseInt(hex, 16));
              i += 2;
            } else out.push(text.charCodeAt(i));
          }
          bytes = Buffer.from(out);
        }
        try {
          return new TextDecoder(charset.toLowerCase(), { fatal: true }).decode(bytes);
        } catch {
          return whole;
        }
      },
    );
}
