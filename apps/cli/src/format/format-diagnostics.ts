import type { Diagnostic, Severity } from '@dust/model/diagnostics';
import { paint, SEVERITY_STYLE } from '../colors';
import { terminalSafe } from '../terminal-text';

const FLAG_PATH = /^\/flags\/(\d+)(?:\/|$)/;

interface Group {
  heading: string;
  diagnostics: Diagnostic[];
}

/**
 * Human-readable report: diagnostics grouped by the flag their JSON Pointer
 * points into (`/flags/N/...`), document-level ones first, then a summary.
 * `document` is the parsed input, used only to name the flags in headings.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  document: unknown,
  options: { color: boolean; source: string; verdict?: boolean },
): string {
  const { color } = options;
  const groups = groupByFlag(diagnostics, document);
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(paint(color, 'bold', group.heading));
    for (const d of group.diagnostics) lines.push(`  ${formatDiagnostic(d, color)}`);
    lines.push('');
  }
  lines.push(summaryLine(diagnostics, options.source, color, options.verdict ?? true));
  return `${lines.join('\n')}\n`;
}

function formatDiagnostic(d: Diagnostic, color: boolean): string {
  const severity = paint(color, SEVERITY_STYLE[d.severity] ?? 'bold', d.severity.padEnd(7));
  const code = paint(color, 'bold', terminalSafe(d.code, 60));
  const path = paint(color, 'dim', terminalSafe(d.path || '/', 120));
  const arch = d.arch?.length ? ` [${d.arch.map((a) => terminalSafe(a, 20)).join(', ')}]` : '';
  return `${severity} ${code} ${path}: ${terminalSafe(d.message, 400)}${arch}`;
}

function groupByFlag(diagnostics: readonly Diagnostic[], document: unknown): Group[] {
  const documentLevel: Diagnostic[] = [];
  const byFlag = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) {
    const match = FLAG_PATH.exec(d.path);
    if (!match) {
      documentLevel.push(d);
      continue;
    }
    const index = Number(match[1]);
    const list = byFlag.get(index);
    if (list) list.push(d);
    else byFlag.set(index, [d]);
  }
  const groups: Group[] = [];
  if (documentLevel.length > 0) groups.push({ heading: 'document', diagnostics: documentLevel });
  for (const index of [...byFlag.keys()].sort((a, b) => a - b)) {
    groups.push({ heading: flagHeading(document, index), diagnostics: byFlag.get(index) ?? [] });
  }
  return groups;
}

function flagHeading(document: unknown, index: number): string {
  const flags = (document as { flags?: unknown } | null)?.flags;
  const flag = Array.isArray(flags)
    ? (flags[index] as Record<string, unknown> | undefined)
    : undefined;
  const name =
    typeof flag?.name === 'string' && flag.name !== '' ? ` ${terminalSafe(flag.name, 40)}` : '';
  const bit = typeof flag?.bit === 'number' ? ` (bit ${flag.bit})` : '';
  return `flag ${index}${name}${bit}  /flags/${index}`;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity] = (counts[d.severity] ?? 0) + 1;
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summaryLine(
  diagnostics: readonly Diagnostic[],
  source: string,
  color: boolean,
  withVerdict: boolean,
): string {
  const counts = countBySeverity(diagnostics);
  const verdict =
    counts.error > 0 ? paint(color, 'red', 'invalid') : paint(color, 'green', 'valid');
  const truncated = diagnostics.some((d) => d.code === 'DIAGNOSTICS_TRUNCATED')
    ? ' shown (more were found: see DIAGNOSTICS_TRUNCATED)'
    : '';
  return `${terminalSafe(source)}: ${withVerdict ? `${verdict}: ` : ''}${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info${truncated}`;
}
