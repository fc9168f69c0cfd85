// What a reply to the list says in its own words: the text without the lines
// it quotes, the "On …, X wrote:" line that introduces a quote, and the
// signature. Kernel mail is bottom- or inline-posted plain text, so quoting is
// the "> " prefix (docs/design.md, "Mail").

const QUOTED = /^[ \t]*>/;
/** "-- " is the signature separator (RFC 3676); many clients drop the space. */
const SIGNATURE = /^-- ?$/;
/** Outlook and some webmails quote without ">": everything below this line is old text. */
const ORIGINAL_MESSAGE = /^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}\s*$/i;
const ATTRIBUTION_END = /\b(wrote|writes|said)\s*:\s*$/i;

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** The index of the next line that is not blank, from `from` on, or lines.length. */
function nextNonBlank(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i])) i++;
  return i;
}

/**
 * The new text of a reply: quoted lines, attribution lines and the signature
 * removed, trailing spaces dropped, runs of blank lines collapsed to one.
 * Returns "" when the reply says nothing of its own.
 */
export function extractReplyText(text: string): string {
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: string[] = [];
  for (const line of all) {
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line)) break;
    lines.push(line.replace(/[ \t]+$/, ''));
  }
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (QUOTED.test(line)) continue;
    const next = lines[nextNonBlank(lines, i + 1)];
    if (next !== undefined && QUOTED.test(next) && ATTRIBUTION_END.test(line)) {
      // "On Mon, 1 Dec 2026, Jane Doe\n<jane@example.org> wrote:" is often wrapped:
      // drop the line before too when it starts the attribution.
      const previous = kept.at(-1);
      if (previous !== undefined && /^On\s/.test(previous) && !/[.!?]$/.test(previous)) kept.pop();
      continue;
    }
    kept.push(line);
  }
  const out: string[] = [];
  for (const line of kept) {
    if (isBlank(line) && (out.length === 0 || isBlank(out.at(-1)))) continue;
    out.push(line);
  }
  while (out.length > 0 && isBlank(out.at(-1))) out.pop();
  return out.join('\n');
}
