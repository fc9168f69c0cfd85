// Trailers and concerns written in a reply, as b4 collects them: a line of the
// reply's own text (never a quoted one) that starts with a known key. The
// series carries a trailer exactly as written — name and address — with only
// the key spelled the kernel's way (docs/design.md, "Mail").
import { isValidEmail } from '../rules/email';
import { oneLineTextProblem } from '../rules/text';

export type TrailerKind = 'acked' | 'reviewed' | 'tested' | 'nacked';

/** Keys by their lower-case spelling; NAKed-by and Nacked-by are both in use. */
const TRAILER_KEYS: Readonly<Record<string, { key: string; kind: TrailerKind }>> = {
  'acked-by': { key: 'Acked-by', kind: 'acked' },
  'reviewed-by': { key: 'Reviewed-by', kind: 'reviewed' },
  'tested-by': { key: 'Tested-by', kind: 'tested' },
  'naked-by': { key: 'NAKed-by', kind: 'nacked' },
  'nacked-by': { key: 'Nacked-by', kind: 'nacked' },
};

export interface MailTrailer {
  kind: TrailerKind;
  /** The key as the kernel spells it: Acked-by, Reviewed-by, Tested-by, NAKed-by, Nacked-by. */
  key: string;
  name: string;
  email: string;
  /** `Key: Name <email>`, what goes into the series. */
  line: string;
}

export interface ReplyFindings {
  trailers: MailTrailer[];
  /** The text of each `Concern: <text>` line. */
  concerns: string[];
  /** Lines that look like a trailer but cannot be carried (no name, bad address…), with why. */
  rejected: { line: string; reason: string }[];
}

export const CONCERN_MAX_LENGTH = 2000;

const TRAILER_LINE = /^([A-Za-z]+-by)[ \t]*:[ \t]*(.*)$/;
const NAME_AND_ADDRESS = /^(.*?)[ \t]*<([^<>]*)>$/;
const CONCERN_LINE = /^Concern[ \t]*:[ \t]*(.*)$/i;

function parseTrailer(line: string): { trailer: MailTrailer } | { reason: string } | undefined {
  const match = TRAILER_LINE.exec(line);
  const known = match ? TRAILER_KEYS[(match[1] as string).toLowerCase()] : undefined;
  if (!match || !known) return undefined;
  const parts = NAME_AND_ADDRESS.exec((match[2] as string).trim());
  if (!parts) return { reason: 'expected "Name <address>"' };
  const name = (parts[1] as string).trim();
  const email = (parts[2] as string).trim();
  if (name === '') return { reason: 'no name before the address' };
  if (oneLineTextProblem(name) !== undefined || /[<>"\\]/.test(name)) {
    return { reason: 'the name must be one line of visible text without <>"\\' };
  }
  if (!isValidEmail(email)) return { reason: `"${email}" is not an address a series can carry` };
  return {
    trailer: { ...known, name, email, line: `${known.key}: ${name} <${email}>` },
  };
}

/** Trailers and concerns in a reply's own text (see extractReplyText). */
export function findReplyTrailers(replyText: string): ReplyFindings {
  const findings: ReplyFindings = { trailers: [], concerns: [], rejected: [] };
  for (const raw of replyText.split('\n')) {
    const line = raw.trim();
    if (raw !== raw.trimStart()) continue; // must start the line
    const concern = CONCERN_LINE.exec(line);
    if (concern) {
      const text = (concern[1] as string).trim();
      if (text !== '') findings.concerns.push(text.slice(0, CONCERN_MAX_LENGTH));
      continue;
    }
    const parsed = parseTrailer(line);
    if (!parsed) continue;
    if ('trailer' in parsed) {
      if (!findings.trailers.some((t) => t.line === parsed.trailer.line)) {
        findings.trailers.push(parsed.trailer);
      }
    } else findings.rejected.push({ line, reason: parsed.reason });
  }
  return findings;
}

/** Whether a line of a reply is a trailer or a concern (and so already said by a review). */
export function isTrailerOrConcernLine(line: string): boolean {
  return CONCERN_LINE.test(line) || parseTrailer(line.trim()) !== undefined;
}
