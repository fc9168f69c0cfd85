import type { FileDiff } from './unified-diff';

const STAT_WIDTH = 72;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A `git diff --stat --summary` block (each line indented by one space). */
export function diffstat(files: FileDiff[]): string {
  const nameWidth = Math.max(...files.map((f) => f.path.length));
  const changes = files.map((f) => f.insertions + f.deletions);
  const most = Math.max(...changes);
  const countWidth = String(most).length;
  const graphWidth = Math.max(10, STAT_WIDTH - nameWidth - countWidth - 4);
  const scale = (n: number) =>
    most <= graphWidth ? n : n === 0 ? 0 : Math.max(1, Math.round((n * graphWidth) / most));
  const lines = files.map((f, i) => {
    const count = String(changes[i]).padStart(countWidth);
    // Both kinds stay visible when scaled down, as in git's graph.
    const minus = scale(f.deletions);
    const plus = Math.min(scale(f.insertions), graphWidth - minus);
    return ` ${f.path.padEnd(nameWidth)} | ${count} ${'+'.repeat(plus)}${'-'.repeat(minus)}`;
  });
  const insertions = files.reduce((n, f) => n + f.insertions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  const summary = [plural(files.length, 'file changed', 'files changed')];
  if (insertions > 0) summary.push(plural(insertions, 'insertion(+)', 'insertions(+)'));
  if (deletions > 0) summary.push(plural(deletions, 'deletion(-)', 'deletions(-)'));
  lines.push(` ${summary.join(', ')}`);
  for (const f of files) if (f.created) lines.push(` create mode 100644 ${f.path}`);
  return `${lines.join('\n')}\n`;
}
