/**
 * Neutralising user text (flag descriptions) for every place it is rendered.
 * Descriptions are validated as one printable line, but the renderer does not
 * rely on that: whatever reaches it is reduced to one safe line first.
 */

// Controls (C0, DEL, C1 with NEL and the \x1c-\x1e separators), Unicode
// line and paragraph separators (Python's splitlines() splits on
// them, so does docutils) and invisible format characters such as the bidi
// overrides of "Trojan Source" (CVE-2021-42574).
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

// Half of a UTF-16 surrogate pair: it has no UTF-8 encoding.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One printable line: unsafe characters become spaces, whitespace is collapsed. */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(UNSAFE_CHARACTERS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Greedy word wrap; a word longer than `width` gets a line of its own. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (word === '') continue;
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** Text that cannot open or close a C block comment. */
export function cCommentText(text: string): string {
  let out = cleanText(text);
  for (;;) {
    const next = out.replaceAll('*/', '* /').replaceAll('/*', '/ *');
    if (next === out) return out;
    out = next;
  }
}

/** The lines of a C block comment (`/*`, ` * …`, ` *​/`) holding `text`, indented by `indent`. */
export function cBlockComment(text: string, indent = '', width = 72): string[] {
  const lines = wrapWords(cCommentText(text), width);
  return [`${indent}/*`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`];
}

// Characters with inline meaning in reStructuredText: emphasis, literals,
// interpreted text and roles, references, substitutions, footnotes, targets.
const RST_INLINE = /[\\`*_|[\]:<>]/g;
// A cell or paragraph starting with one of these could become a list, a
// comment or directive (`..`), a line block, a literal block or a section.
const RST_BLOCK_START = /^[-+*#=~^"'`.:|>!?/()[\]{}0-9@$%&;,]/;

/**
 * Description text as inert reStructuredText inline content, wrapped to
 * `width`. Every line's first character is escaped when it could start a
 * block construct (a wrapped line such as `=====` would be a section title).
 */
export function rstLines(text: string, width = 64): string[] {
  const escaped = cleanText(text).replace(RST_INLINE, (c) => `\\${c}`);
  return wrapWords(escaped, width).map((l) => (RST_BLOCK_START.test(l) ? `\\${l}` : l));
}

/**
 * Lines for an email body holding user text: every line is indented, so none
 * can start with `From `, `---`, `diff `, `Index:`, a trailer (`Foo-by:`) or
 * an in-body header; continuation lines are indented further.
 */
export function mailIndentedText(lead: string, text: string, width = 72): string[] {
  if (!/^\s/.test(lead)) throw new Error('mail text lines must be indented');
  const words = wrapWords(cleanText(text), width - lead.length);
  if (words.length === 0) return [];
  const pad = ' '.repeat(lead.length);
  return words.map((w, i) => (i === 0 ? `${lead}${w}` : `${pad}${w}`));
}
