import type { Flag } from './grouping';

/** How a flag of one grouping corresponds to a flag of another. */
export type FlagMatchKind = 'same' | 'bit-changed' | 'renamed';

export interface FlagMatch {
  readonly from: number;
  readonly to: number;
  /** same: name and bit equal; bit-changed: same name, other bit; renamed: same bit, other name. */
  readonly kind: FlagMatchKind;
}

export interface FlagMatching {
  readonly pairs: readonly FlagMatch[];
  /** Indices into `from` of flags with no counterpart. */
  readonly removed: readonly number[];
  /** Indices into `to` of flags with no counterpart. */
  readonly added: readonly number[];
}

/**
 * Pairs the flags of two groupings: first equal name and bit, then equal name
 * (the bit changed), then equal bit (the flag was renamed). Names come first
 * because they are what people discuss: two flags that swap bits are two bit
 * changes, not two renames. Pairs are in `to` order.
 */
export function matchFlags(from: readonly Flag[], to: readonly Flag[]): FlagMatching {
  const pairs: FlagMatch[] = [];
  const freeFrom = new Set(from.keys());
  const freeTo = new Set(to.keys());
  // Keyed queues of unmatched `from` indices: linear, even for hostile sizes.
  const pass = (kind: FlagMatchKind, keyOf: (flag: Flag) => string) => {
    const queues = new Map<string, number[]>();
    for (const f of freeFrom) {
      const key = keyOf(from[f] as Flag);
      const queue = queues.get(key);
      if (queue) queue.push(f);
      else queues.set(key, [f]);
    }
    for (const t of freeTo) {
      const f = queues.get(keyOf(to[t] as Flag))?.shift();
      if (f === undefined) continue;
      pairs.push({ from: f, to: t, kind });
      freeFrom.delete(f);
      freeTo.delete(t);
    }
  };
  pass('same', (flag) => `${flag.bit}\u0000${flag.name}`);
  pass('bit-changed', (flag) => flag.name);
  pass('renamed', (flag) => String(flag.bit));
  pairs.sort((x, y) => x.to - y.to);
  return {
    pairs,
    removed: [...freeFrom].sort((a, b) => a - b),
    added: [...freeTo].sort((a, b) => a - b),
  };
}
