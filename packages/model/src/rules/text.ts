// The text rules every free-text field obeys, wherever it is stored or shown.
//
// Two levels:
// - storable: no NUL and no lone surrogate. PostgreSQL text cannot hold U+0000
//   and jsonb refuses unpaired surrogates, and neither is text a person wrote.
//   Multi-line fields (comments, rationale, changelogs) obey this, and C0
//   controls other than tab and newline are refused too: they only hide or
//   rewrite what a reader sees in a terminal or a mail.
// - one line: titles, names, token names, reasons. They land in commit
//   subjects, mail headers and table cells, so they also refuse every line
//   break, C1 control, bidi control (the "Trojan Source" characters U+202A to
//   U+202E and U+2066 to U+2069) and zero-width or other format character.
import { z } from 'zod';
import { codePointText } from '../validate/text';

/** Why `text` cannot be stored (NUL, lone surrogate), or undefined. */
export function unstorableTextProblem(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return `contains a NUL character (U+0000 at position ${i})`;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `contains a lone surrogate (${codePointText(unit)} at position ${i})`;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff)
      return `contains a lone surrogate (${codePointText(unit)} at position ${i})`;
  }
  return undefined;
}

// Every control character (C0, DEL, C1) except tab, LF and CR.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
// Every Unicode format character (Cf: bidi controls, zero-width space and
// joiners, BOM, …), line and paragraph separators, and all controls.
const NOT_ONE_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function describe(cp: number): string {
  if (cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029) return 'a line break';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
    return 'a bidirectional control character';
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'a control character';
  return 'an invisible formatting character';
}

function firstMatch(text: string, pattern: RegExp): string | undefined {
  const bad = pattern.exec(text);
  if (!bad) return undefined;
  const cp = bad[0].codePointAt(0) ?? 0;
  return `contains ${describe(cp)} (${codePointText(cp)} at position ${bad.index})`;
}

/** Why `text` is not acceptable multi-line text (comments, rationale, changelog), or undefined. */
export function multiLineTextProblem(text: string): string | undefined {
  return unstorableTextProblem(text) ?? firstMatch(text, CONTROL);
}

/** Why `text` is not one line of visible text (titles, names, reasons), or undefined. */
export function oneLineTextProblem(text: string): string | undefined {
  return unstorableTextProblem(text) ?? firstMatch(text, NOT_ONE_LINE);
}

function refined(problem: (text: string) => string | undefined) {
  return (text: string, ctx: z.RefinementCtx) => {
    const why = problem(text);
    if (why) ctx.addIssue({ code: 'custom', message: `Text ${why}.` });
  };
}

/** A zod string for multi-line user text (markdown, changelogs). */
export const multiLineText = () => z.string().superRefine(refined(multiLineTextProblem));

/** A zod string for one line of user text (titles, names, token names, reasons). */
export const oneLineText = () => z.string().superRefine(refined(oneLineTextProblem));

export interface UnstorableText {
  /** JSON Pointer (RFC 6901) of the offending string or key. */
  path: string;
  problem: string;
}

const MAX_DEPTH = 256;

/**
 * The first string (value or key) anywhere in a JSON value that cannot be
 * stored, depth first. One guard for every request field, whatever its schema.
 * Deeper than MAX_DEPTH is reported as a problem, not walked.
 */
export function findUnstorableText(value: unknown, path = ''): UnstorableText | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const v = item.value;
    if (typeof v === 'string') {
      const problem = unstorableTextProblem(v);
      if (problem) return { path: item.path, problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= MAX_DEPTH) return { path: item.path, problem: 'is nested too deeply' };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: `${item.path}/${i}`, depth: item.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const keyPath = `${item.path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const problem = unstorableTextProblem(key);
      if (problem) return { path: keyPath, problem: `has a field name that ${problem}` };
      stack.push({
        value: (v as Record<string, unknown>)[key],
        path: keyPath,
        depth: item.depth + 1,
      });
    }
  }
  return undefined;
}
