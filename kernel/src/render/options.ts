import { type Grouping, validateGrouping } from '@dust/model';
import { RenderError } from './errors';
import { cleanText } from './text';
import type { Author, RenderOptions } from './types';

export const DUST_AUTHOR: Author = Object.freeze({ name: 'Dust', email: 'dust@dust.invalid' });

const TRAILER_KEYS = [
  'Signed-off-by',
  'Co-developed-by',
  'Acked-by',
  'Reviewed-by',
  'Tested-by',
  'Reported-by',
  'Suggested-by',
  'Cc',
];
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const TRAILER = /^([A-Za-z-]+): (.+) <([^<>\s]+)>$/;

export interface CheckedOptions {
  grouping: Grouping;
  previous: Grouping | undefined;
  version: number;
  release: number;
  author: Author;
  trailers: string[];
  /** Epoch milliseconds of the series' first message. */
  date: number;
}

function checkName(name: string, what: string): string {
  if (name === '' || cleanText(name) !== name || /[<>"\\]/.test(name)) {
    throw new RenderError(
      'INVALID_OPTION',
      `${what}: the name must be one printable line without <>"\\`,
    );
  }
  return name;
}

function checkEmail(email: string, what: string): string {
  if (!EMAIL.test(email)) throw new RenderError('INVALID_OPTION', `${what}: not an email address`);
  return email;
}

function checkTrailer(line: string): string {
  const match = TRAILER.exec(line);
  if (!match || !TRAILER_KEYS.includes(match[1] as string)) {
    throw new RenderError(
      'INVALID_OPTION',
      `trailer ${JSON.stringify(line)}: expected "<${TRAILER_KEYS.join('|')}>: Name <email>"`,
    );
  }
  checkName(match[2] as string, 'trailer');
  checkEmail(match[3] as string, 'trailer');
  return line;
}

function checkInteger(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RenderError('INVALID_OPTION', `${what} must be an integer in ${min}..${max}`);
  }
  return value;
}

function validated(input: unknown, code: 'INVALID_GROUPING' | 'INVALID_PREVIOUS'): Grouping {
  const report = validateGrouping(input);
  if (!report.valid || !report.grouping) {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    const what = code === 'INVALID_GROUPING' ? 'grouping' : 'previous grouping';
    throw new RenderError(
      code,
      `the ${what} is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}` +
        `${first ? `, first: ${first.code} at ${first.path || '/'}: ${first.message}` : ''})`,
      report.diagnostics,
    );
  }
  if (report.grouping.kernel !== '6.1') {
    throw new RenderError(code, `the series targets Linux 6.1, not ${report.grouping.kernel}`);
  }
  return report.grouping;
}

// Linux 6.1 was released on 2022-12-11: release R, version N of a series is
// dated R days and N-1 hours after it, so dates never come from the clock.
const LINUX_6_1 = Date.UTC(2022, 11, 11);

/** Checks every option; throws RenderError before anything is rendered. */
export function checkOptions(opts: RenderOptions): CheckedOptions {
  const version = checkInteger(opts.version ?? 1, 1, 999, 'version');
  const release = checkInteger(opts.release ?? 0, 0, 100000, 'release');
  const author = opts.author ?? DUST_AUTHOR;
  checkName(author.name, 'author');
  checkEmail(author.email, 'author');
  const trailers = (opts.trailers ?? [`Signed-off-by: ${author.name} <${author.email}>`]).map(
    checkTrailer,
  );
  let date = LINUX_6_1 + release * 86_400_000 + (version - 1) * 3_600_000;
  if (opts.date !== undefined) {
    date = Date.parse(opts.date);
    if (!/^\d{4}-\d\d-\d\dT/.test(opts.date) || Number.isNaN(date)) {
      throw new RenderError('INVALID_OPTION', 'date must be an RFC 3339 date-time');
    }
  }
  return {
    grouping: validated(opts.grouping, 'INVALID_GROUPING'),
    previous:
      opts.previous === undefined ? undefined : validated(opts.previous, 'INVALID_PREVIOUS'),
    version,
    release,
    author,
    trailers,
    date,
  };
}
