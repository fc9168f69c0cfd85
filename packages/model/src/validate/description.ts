import { DESCRIPTION_MAX_LENGTH } from '../grouping';
import { codePointText } from './text';

/**
 * Characters a description may not contain: every Unicode "Other" (\p{C}: Cc
 * controls incl. DEL and C1, Cf format characters such as bidi overrides and
 * zero-width spaces, lone surrogates, private use, unassigned) and the line and
 * paragraph separators. Descriptions land in C comments, commit subjects, mails
 * and HTML, where any of these could break a line or hide/reorder text.
 */
const FORBIDDEN = /[\p{C}\p{Zl}\p{Zp}]/u;

/** Why a description is invalid, or undefined when it is one line of printable text. */
export function descriptionProblem(description: string): string | undefined {
  if (description.trim() === '')
    return 'Description is empty: say in one line what the flag permits.';
  const bad = FORBIDDEN.exec(description);
  if (bad) {
    const cp = bad[0].codePointAt(0) ?? 0;
    const what =
      cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029
        ? 'a line break'
        : cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
          ? 'a control character'
          : 'an invisible or formatting character';
    return `Description contains ${what} (${codePointText(cp)} at position ${bad.index}); it must be one line of printable text.`;
  }
  if (description.length > DESCRIPTION_MAX_LENGTH) {
    // Counted in code points, so that "é" or "中" count as one character.
    let length = 0;
    for (const _ of description) length++;
    if (length > DESCRIPTION_MAX_LENGTH) {
      return `Description is ${length} characters long; at most ${DESCRIPTION_MAX_LENGTH} are allowed.`;
    }
  }
  return undefined;
}
