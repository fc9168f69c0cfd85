/**
 * Safe rendering of user text inside diagnostic messages. Messages end up in
 * terminals, HTML and e-mails: user text is shown quoted, shortened, and with
 * everything outside printable ASCII escaped, so it can never break a line,
 * reorder text (bidi controls) or hide characters (zero-width).
 */
const QUOTE_MAX = 48;

export function quote(text: string): string {
  const cut = text.length > QUOTE_MAX;
  let out = '"';
  for (const ch of cut ? text.slice(0, QUOTE_MAX) : text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else out += cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return cut ? `${out}..." (${text.length} characters)` : `${out}"`;
}

/** "a, b and c" */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** U+0041 */
export function codePointText(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
