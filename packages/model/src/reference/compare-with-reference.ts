// Where a proposal's flags agree and differ with a reference grouping
// (systemd's groups, strace's classes, pledge's promises). Each flag is set
// beside the reference group it shares the most calls with, measured by
// Jaccard similarity (shared / union), so a flag that copies a group scores 1
// and one that has nothing in common with any group scores 0 and is matched
// with nothing. Pure: the caller brings both groupings.
import type { Grouping } from '../grouping';

export interface FlagComparison {
  /** The proposal's flag. */
  flag: string;
  /** The reference flag it shares the most calls with; null when it shares none. */
  reference: string | null;
  /** Jaccard similarity with that reference flag, 0..1. */
  agreement: number;
  shared: string[];
  /** In the proposal's flag, not in the reference flag. */
  onlyInFlag: string[];
  /** In the reference flag, not in the proposal's flag. */
  onlyInReference: string[];
}

export interface ReferenceComparison {
  flags: FlagComparison[];
  /** Calls some reference flag permits and no flag of the proposal does. */
  onlyInReference: string[];
  /** Calls some flag of the proposal permits and no reference flag does. */
  onlyInProposal: string[];
}

const sorted = (names: Iterable<string>) => [...names].sort();

function compareFlag(
  name: string,
  calls: ReadonlySet<string>,
  reference: Grouping,
): FlagComparison {
  let best: { name: string; calls: ReadonlySet<string>; shared: number; union: number } | null =
    null;
  for (const candidate of reference.flags) {
    const other = new Set(candidate.syscalls);
    const shared = [...calls].filter((c) => other.has(c)).length;
    const union = calls.size + other.size - shared;
    // Ties keep the earlier reference flag, so the answer does not depend on Set order.
    if (shared > 0 && (best === null || shared * best.union > best.shared * union)) {
      best = { name: candidate.name, calls: other, shared, union };
    }
  }
  const match = best?.calls ?? new Set<string>();
  return {
    flag: name,
    reference: best?.name ?? null,
    agreement: best ? best.shared / best.union : 0,
    shared: sorted([...calls].filter((c) => match.has(c))),
    onlyInFlag: sorted([...calls].filter((c) => !match.has(c))),
    onlyInReference: sorted([...match].filter((c) => !calls.has(c))),
  };
}

export function compareWithReference(proposal: Grouping, reference: Grouping): ReferenceComparison {
  const granted = new Set(proposal.flags.flatMap((f) => f.syscalls));
  const referenced = new Set(reference.flags.flatMap((f) => f.syscalls));
  return {
    flags: proposal.flags.map((f) => compareFlag(f.name, new Set(f.syscalls), reference)),
    onlyInReference: sorted([...referenced].filter((c) => !granted.has(c))),
    onlyInProposal: sorted([...granted].filter((c) => !referenced.has(c))),
  };
}
