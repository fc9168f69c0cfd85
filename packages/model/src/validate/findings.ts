import type { Diagnostic, Severity } from '../diagnostics';
import { jsonPointer } from '../diagnostics';

/** Path segments of a JSON Pointer, e.g. ['flags', 2, 'syscalls', 0]. */
export type PathKey = readonly (string | number)[];

/**
 * At most this many diagnostics of one code are returned; the rest are counted
 * in one DIAGNOSTICS_TRUNCATED notice placed where the omitted ones begin.
 * A 100 000-entry document full of typos stays readable and the report small;
 * `valid` is still computed over everything found.
 */
export const MAX_DIAGNOSTICS_PER_CODE = 100;

interface Finding {
  /** Sort key of the usual /flags/i/<field>[/j] paths as one number; NaN for others. */
  readonly rank: number;
  readonly severity: Severity;
  readonly code: string;
  readonly key: PathKey;
  /** Built only for findings that are returned (did-you-mean is not free). */
  readonly message: string | (() => string);
  readonly arch?: readonly string[] | undefined;
}

/** Collects findings of every rule, then orders them by path and caps each code. */
export class Findings {
  private readonly items: Finding[] = [];
  private errors = 0;

  add(
    severity: Severity,
    code: string,
    key: PathKey,
    message: string | (() => string),
    arch?: readonly string[],
  ): void {
    if (severity === 'error') this.errors++;
    this.items.push({ rank: rankOf(key), severity, code, key, message, arch });
  }

  /** Adds diagnostics built elsewhere (the compatibility check). */
  addDiagnostics(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics)
      this.add(d.severity, d.code, parsePointer(d.path), d.message, d.arch);
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  toDiagnostics(): Diagnostic[] {
    // Array.prototype.sort is stable: on equal paths the rules' order stays.
    const sorted = isSorted(this.items) ? this.items : [...this.items].sort(compareFindings);
    const shown = new Map<string, number>();
    const notices = new Map<string, Diagnostic>();
    const out: Diagnostic[] = [];
    for (const f of sorted) {
      const count = (shown.get(f.code) ?? 0) + 1;
      shown.set(f.code, count);
      if (count <= MAX_DIAGNOSTICS_PER_CODE) {
        out.push(toDiagnostic(f));
      } else if (count === MAX_DIAGNOSTICS_PER_CODE + 1) {
        const notice: Diagnostic = {
          severity: 'info',
          code: 'DIAGNOSTICS_TRUNCATED',
          message: '',
          path: pointerOf(f.key),
        };
        notices.set(f.code, notice);
        out.push(notice);
      }
    }
    for (const [code, notice] of notices) {
      const omitted = (shown.get(code) ?? 0) - MAX_DIAGNOSTICS_PER_CODE;
      notice.message = `${omitted} more ${code} diagnostics from here on are not shown (at most ${MAX_DIAGNOSTICS_PER_CODE} per code); fix these first.`;
    }
    return out;
  }
}

function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    severity: f.severity,
    code: f.code,
    message: typeof f.message === 'function' ? f.message() : f.message,
    path: pointerOf(f.key),
  };
  if (f.arch) d.arch = [...f.arch];
  return d;
}

const RANK_INDEX_LIMIT = 2 ** 22;

/**
 * ['flags', i, field] and ['flags', i, field, j] as one number that orders like
 * compareKeys, so that sorting the usual findings compares numbers only.
 */
function rankOf(key: PathKey): number {
  if (key[0] !== 'flags' || key.length < 3 || key.length > 4) return Number.NaN;
  const i = key[1];
  const field = FIELD_RANK.get(key[2] as string);
  const j = key.length === 4 ? key[3] : -1;
  if (typeof i !== 'number' || field === undefined || typeof j !== 'number') return Number.NaN;
  if (i >= 2 ** 26 || j >= RANK_INDEX_LIMIT) return Number.NaN;
  return (i * 16 + field) * RANK_INDEX_LIMIT + (j + 1);
}

function compareFindings(a: Finding, b: Finding): number {
  const byRank = a.rank - b.rank;
  return Number.isNaN(byRank) ? compareKeys(a.key, b.key) : byRank;
}

function isSorted(items: readonly Finding[]): boolean {
  for (let n = 1; n < items.length; n++) {
    if (compareFindings(items[n - 1] as Finding, items[n] as Finding) > 0) return false;
  }
  return true;
}

/** jsonPointer(...key), without escaping work for the usual segments. */
function pointerOf(key: PathKey): string {
  let out = '';
  for (const seg of key) {
    if (typeof seg === 'number') out += `/${seg}`;
    else out += seg.includes('~') || seg.includes('/') ? jsonPointer(seg) : `/${seg}`;
  }
  return out;
}

/** Document order of the format's fields, so that diagnostics read top to bottom. */
const FIELD_RANK: ReadonlyMap<string, number> = new Map(
  [
    'schema',
    'kernel',
    'policy',
    'fork',
    'exec',
    'flags',
    'name',
    'bit',
    'description',
    'syscalls',
  ].map((field, rank) => [field, rank]),
);

/** Orders paths segment by segment: indices numerically, fields in document order. */
export function compareKeys(a: PathKey, b: PathKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    const rx = FIELD_RANK.get(x) ?? FIELD_RANK.size;
    const ry = FIELD_RANK.get(y) ?? FIELD_RANK.size;
    if (rx !== ry) return rx - ry;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Segments of a JSON Pointer; all-digit segments become numbers. */
export function parsePointer(pointer: string): PathKey {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      const seg = s.replaceAll('~1', '/').replaceAll('~0', '~');
      return /^(0|[1-9][0-9]{0,8})$/.test(seg) ? Number(seg) : seg;
    });
}
