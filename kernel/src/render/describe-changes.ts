import { diffGroupings, type Grouping } from '@dust/model';
import { cIdentifier } from './c-source';
import { mailIndentedText, wrapWords } from './text';

const macro = (name: string) => `SECCOMP_FLAG_${cIdentifier(name)}`;

function nameList(names: string[]): string {
  return [...names].sort().map(cIdentifier).join(', ');
}

/** Wrapped `  - ` list items; only identifiers and fixed words, except quoted descriptions. */
function item(text: string): string[] {
  return wrapWords(text, 68).map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`);
}

/** The "Changes in vN" lines: what the grouping changed since `previous`. */
export function describeChanges(previous: Grouping, grouping: Grouping): string[] {
  const diff = diffGroupings(previous, grouping);
  const lines: string[] = [];
  for (const p of diff.policy) {
    lines.push(...item(`${p.field} policy: ${p.from ?? 'unset'} -> ${p.to ?? 'unset'}`));
  }
  for (const f of diff.flagsAdded) {
    lines.push(...item(`new flag ${macro(f.name)} (bit ${f.bit}): ${nameList(f.syscalls)}`));
  }
  for (const f of diff.flagsRemoved)
    lines.push(...item(`removed flag ${macro(f.name)} (bit ${f.bit})`));
  for (const r of diff.flagsRenamed) {
    lines.push(...item(`bit ${r.bit} renamed: ${macro(r.from)} -> ${macro(r.to)}`));
  }
  for (const b of diff.bitsChanged) {
    lines.push(...item(`${macro(b.name)} moved from bit ${b.from} to bit ${b.to}`));
  }
  for (const s of diff.syscallsChanged) {
    if (s.added.length > 0) lines.push(...item(`${macro(s.name)}: added ${nameList(s.added)}`));
    if (s.removed.length > 0) {
      lines.push(...item(`${macro(s.name)}: removed ${nameList(s.removed)}`));
    }
  }
  for (const d of diff.descriptionsChanged) {
    lines.push(...item(`${macro(d.name)}: new description:`));
    lines.push(...mailIndentedText('      ', d.to));
  }
  return lines.length > 0 ? lines : ['  - no changes to the flags or the policy'];
}
