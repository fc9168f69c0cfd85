import type { GroupingDiff } from '@dust/model/diff';
import { paint } from '../colors';
import { terminalSafe } from '../terminal-text';

const name = (text: string) => terminalSafe(text, 40);
const list = (names: readonly string[]) => names.map((n) => terminalSafe(n, 60)).join(', ');

/** One line per change, `+` additions in green, `-` removals in red, `~` changes. */
export function formatDiff(diff: GroupingDiff, color: boolean): string {
  if (diff.identical) return 'no semantic differences\n';
  const add = (text: string) => paint(color, 'green', `+ ${text}`);
  const remove = (text: string) => paint(color, 'red', `- ${text}`);
  const change = (text: string) => paint(color, 'yellow', `~ ${text}`);
  const lines: string[] = [];
  if (diff.kernel)
    lines.push(change(`kernel ${name(diff.kernel.from)} -> ${name(diff.kernel.to)}`));
  for (const p of diff.policy) {
    lines.push(
      change(`policy.${p.field} ${name(p.from ?? '(unset)')} -> ${name(p.to ?? '(unset)')}`),
    );
  }
  for (const f of diff.flagsAdded) {
    lines.push(
      add(`flag ${name(f.name)} (bit ${f.bit}) added: ${list(f.syscalls) || 'no syscalls'}`),
    );
  }
  for (const f of diff.flagsRemoved) {
    lines.push(
      remove(`flag ${name(f.name)} (bit ${f.bit}) removed: ${list(f.syscalls) || 'no syscalls'}`),
    );
  }
  for (const r of diff.flagsRenamed)
    lines.push(change(`flag bit ${r.bit} renamed ${name(r.from)} -> ${name(r.to)}`));
  for (const b of diff.bitsChanged)
    lines.push(change(`flag ${name(b.name)} moved from bit ${b.from} to bit ${b.to}`));
  for (const d of diff.descriptionsChanged) {
    lines.push(
      change(
        `flag ${name(d.name)} description: "${terminalSafe(d.from)}" -> "${terminalSafe(d.to)}"`,
      ),
    );
  }
  for (const s of diff.syscallsChanged) {
    if (s.added.length > 0) lines.push(add(`flag ${name(s.name)} permits ${list(s.added)}`));
    if (s.removed.length > 0)
      lines.push(remove(`flag ${name(s.name)} no longer permits ${list(s.removed)}`));
  }
  for (const m of diff.syscallsMoved) {
    lines.push(
      change(`syscall ${terminalSafe(m.syscall, 60)} moved from ${name(m.from)} to ${name(m.to)}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
