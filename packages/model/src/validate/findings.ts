import type { Diagnostic, Severity } from '../diagnostics';
import { jsonPointer } from '../diagnostics';

/**
 * A message built only if its diagnostic is returned (did-you-mean is not
 * free). A module-level function plus its data rather than a closure: closures
 * made per finding are costly at this rate (tsx's keepNames wraps each one).
 */
export interface LazyMessage<T> {
  readonly build: (data: T) => string;
  readonly data: T;
}

export type Message = string | LazyMessage<never>;

export function lazyMessage<T>(build: (data: T) => string, data: T): Message {
  return { build, data } as unknown as LazyMessage<never>;
}

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
  /** Order of addition: on equal paths, rules keep the order they ran in. */
  readonly seq: number;
  readonly severity: Severity;
  readonly code: string;
  readonly key: PathKey;
  readonly message: Message;
  readonly arch?: readonly string[] | undefined;
}

/** The findings of one code: the first ones in path order, and how many there were. */
interface Bucket {
  items: Finding[];
  total: number;
}

/** Kept per code: the shown ones plus the first omitted one (where the notice goes). */
const KEEP = MAX_DIAGNOSTICS_PER_CODE + 1;

/**
 * Collects findings of every rule, then orders them by path and caps each code.
 * Each code keeps only its first findings in path order while collecting
 * (pruned whenever it holds twice as many as needed), so a hostile document's
 * hundred thousand findings never pile up in memory.
 */
export class Findings {
  private readonly buckets = new Map<string, Bucket>();
  private seq = 0;
  /** Rules add runs of one code: skip the Map lookup for those. */
  private lastCode: string | undefined;
  private lastBucket: Bucket | undefined;
  private errors = 0;

  add(
    severity: Severity,
    code: string,
    key: PathKey,
    message: Message,
    arch?: readonly string[],
  ): void {
    if (severity === 'error') this.errors++;
    let bucket = this.lastCode === code ? this.lastBucket : this.buckets.get(code);
    if (!bucket) {
      bucket = { items: [], total: 0 };
      this.buckets.set(code, bucket);
    }
    this.lastCode = code;
    this.lastBucket = bucket;
    bucket.total++;
    bucket.items.push({ rank: rankOf(key), seq: this.seq++, severity, code, key, message, arch });
    if (bucket.items.length >= 2 * KEEP) bucket.items = firstInOrder(bucket.items);
  }

  /** Adds diagnostics built elsewhere (the compatibility check). */
  addDiagnostics(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      this.add(d.severity, d.code, parsePointer(d.path), d.message, d.arch);
    }
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  toDiagnostics(): Diagnostic[] {
    const shown: Finding[] = [];
    const omittedByNotice = new Map<Finding, number>();
    for (const bucket of this.buckets.values()) {
      const items = firstInOrder(bucket.items);
      for (let n = 0; n < Math.min(items.length, MAX_DIAGNOSTICS_PER_CODE); n++) {
        shown.push(items[n] as Finding);
      }
      // The first omitted finding stands for the notice, at its place in the order.
      const firstOmitted = items[MAX_DIAGNOSTICS_PER_CODE];
      if (firstOmitted) {
        shown.push(firstOmitted);
        omittedByNotice.set(firstOmitted, bucket.total - MAX_DIAGNOSTICS_PER_CODE);
      }
    }
    if (!isSorted(shown)) shown.sort(compareFindings);
    return shown.map((f) => {
      const omitted = omittedByNotice.get(f);
      return omitted === undefined ? toDiagnostic(f) : truncationNotice(f, omitted);
    });
  }
}

function truncationNotice(first: Finding, omitted: number): Diagnostic {
  return {
    severity: 'info',
    code: 'DIAGNOSTICS_TRUNCATED',
    message: `${omitted} more ${first.code} diagnostics from here on are not shown (at most ${MAX_DIAGNOSTICS_PER_CODE} per code); fix these first.`,
    path: pointerOf(first.key),
  };
}

/** The first KEEP findings in path order (then order of addition). */
function firstInOrder(items: Finding[]): Finding[] {
  const sorted = isSorted(items) ? items : [...items].sort(compareFindings);
  return sorted.length > KEEP ? sorted.slice(0, KEEP) : sorted;
}

function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    severity: f.severity,
    code: f.code,
    message: typeof f.message === 'string' ? f.message : f.message.build(f.message.data),
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
  const field = key[2] === 'syscalls' ? SYSCALLS_RANK : FIELD_RANK.get(key[2] as string);
  const j = key.length === 4 ? key[3] : -1;
  if (typeof i !== 'number' || field === undefined || typeof j !== 'number') return Number.NaN;
  if (i >= 2 ** 26 || j >= RANK_INDEX_LIMIT) return Number.NaN;
  return (i * 16 + field) * RANK_INDEX_LIMIT + (j + 1);
}

function compareFindings(a: Finding, b: Finding): number {
  const byRank = a.rank - b.rank;
  const byPath = Number.isNaN(byRank) ? compareKeys(a.key, b.key) : byRank;
  return byPath !== 0 ? byPath : a.seq - b.seq;
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

const SYSCALLS_RANK = FIELD_RANK.get('syscalls') as number;

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
