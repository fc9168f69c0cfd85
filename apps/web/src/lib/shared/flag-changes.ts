import { diffGroupings, type Flag, type Grouping } from '@dust/model';

export interface FlagChange {
  status: 'added' | 'renamed' | 'changed' | 'same';
  previousName?: string;
  added: ReadonlySet<string>;
  removed: string[];
}

export interface FlagChanges {
  /** keyed by the flag's name in the newer grouping */
  byName: Map<string, FlagChange>;
  removedFlags: Flag[];
  policyChanged: boolean;
}

/** The model's semantic diff, regrouped per flag of the newer grouping for the flag cards. */
export function flagChanges(from: Grouping, to: Grouping): FlagChanges {
  const diff = diffGroupings(from, to);
  const byName = new Map<string, FlagChange>();
  const entry = (name: string): FlagChange => {
    let change = byName.get(name);
    if (!change) {
      change = { status: 'same', added: new Set(), removed: [] };
      byName.set(name, change);
    }
    return change;
  };
  for (const f of diff.flagsAdded) {
    byName.set(f.name, { status: 'added', added: new Set(f.syscalls), removed: [] });
  }
  for (const r of diff.flagsRenamed)
    Object.assign(entry(r.to), { status: 'renamed', previousName: r.from });
  const markChanged = (name: string) => {
    const change = entry(name);
    if (change.status === 'same') change.status = 'changed';
    return change;
  };
  for (const b of diff.bitsChanged) markChanged(b.name);
  for (const d of diff.descriptionsChanged) markChanged(d.name);
  for (const s of diff.syscallsChanged) {
    const change = markChanged(s.name);
    change.added = new Set(s.added);
    change.removed = s.removed;
  }
  return { byName, removedFlags: diff.flagsRemoved, policyChanged: diff.policy.length > 0 };
}
