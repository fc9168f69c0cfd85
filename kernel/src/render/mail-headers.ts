import type { Author } from './types';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 2822 date in UTC, as `git format-patch` writes it. */
export function rfc2822(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

// Characters a display name may carry unquoted (RFC 5322 atext and spaces).
const PLAIN_NAME = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

/** RFC 2047 "Q" encoding of a UTF-8 header word, as git does for non-ASCII names. */
function qEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9!*+\-/]/.test(c)
      ? c
      : c === ' '
        ? '_'
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?UTF-8?q?${out}?=`;
}

/** `Name <email>` for a From: header: plain, quoted, or RFC 2047 encoded. */
export function fromHeader(author: Author): string {
  const { name, email } = author;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for non-ASCII
  if (/[^\u0000-\u007f]/.test(name)) return `${qEncode(name)} <${email}>`;
  if (PLAIN_NAME.test(name)) return `${name} <${email}>`;
  return `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}" <${email}>`;
}

/** Whether a message needs the MIME headers that declare UTF-8 (as format-patch adds them). */
export function needsUtf8(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for non-ASCII
  return /[^\u0000-\u007f]/.test(text);
}

export const UTF8_HEADERS = [
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: 8bit',
];
