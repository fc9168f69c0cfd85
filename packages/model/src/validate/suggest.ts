import type { KernelFacts } from './kernel-facts';

/** Names longer than this get no suggestion: no syscall name comes close. */
const MAX_SUGGEST_INPUT = 64;
const MAX_SUGGESTIONS = 3;

/**
 * Up to three implemented syscall names closest to `input` (case-insensitive,
 * without a `sys_`/`__NR_` prefix), by Damerau-Levenshtein distance, within a
 * distance that grows with the name's length. Only names of a nearby length are
 * compared, and each comparison stops as soon as it exceeds the limit.
 */
export function suggestSyscalls(input: string, facts: KernelFacts): string[] {
  if (input.length > MAX_SUGGEST_INPUT) return [];
  const wanted = input
    .trim()
    .toLowerCase()
    .replace(/^(__nr_|sys_|compat_sys_)/, '');
  if (wanted === '') return [];
  if (facts.syscalls.has(wanted)) return [wanted];
  const limit = wanted.length <= 3 ? 1 : wanted.length <= 7 ? 2 : 3;
  let best = limit;
  let found: string[] = [];
  for (let len = wanted.length - limit; len <= wanted.length + limit; len++) {
    for (const name of facts.namesByLength.get(len) ?? []) {
      const d = boundedDistance(wanted, name, best);
      if (d < best) {
        best = d;
        found = [name];
      } else if (d === best) {
        found.push(name);
      }
    }
  }
  return found.sort().slice(0, MAX_SUGGESTIONS);
}

/** Optimal-string-alignment distance, or `bound + 1` once it must exceed `bound`. */
export function boundedDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > bound) return bound + 1;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length] ?? 0, bound + 1);
}
