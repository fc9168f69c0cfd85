import type { Diagnostic } from '../diagnostics';
import { quote } from '../validate/text';

/** One `@group` block of `systemd-analyze syscall-filter`. */
export interface SystemdGroup {
  /** With the @, e.g. "@basic-io". */
  readonly name: string;
  /** The block's first comment line, without the "#". */
  description: string;
  /** Syscall names and `@group` references, in listed order. */
  readonly entries: string[];
  /** 1-based line of the `@group` header. */
  readonly line: number;
}

const GROUP_HEADER = /^(@[a-z0-9][a-z0-9-]*)\s*$/;
const ENTRY = /^(@[a-z0-9][a-z0-9-]*|[a-z0-9_]+)$/;
const MAX_LINE_REPORTS = 20;

/**
 * Parses the text `systemd-analyze syscall-filter` prints: a `@group` header
 * at column 0, then indented lines (a `# comment`, syscall names, `@group`
 * references), a blank line between groups. Lines starting with `#` at column
 * 0 (the "Ungrouped System Calls" list, stderr notes) end a group and are
 * skipped. Anything else is skipped with a warning, never thrown.
 */
export function parseSystemdFilterText(text: string, diagnostics: Diagnostic[]): SystemdGroup[] {
  const groups: SystemdGroup[] = [];
  const seen = new Set<string>();
  let current: SystemdGroup | undefined;
  let ignored = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.trim();
    if (line === '' || raw.startsWith('#')) {
      current = undefined;
      continue;
    }
    const header = GROUP_HEADER.exec(raw);
    if (header) {
      const name = header[1] as string;
      current = { name, description: '', entries: [], line: i + 1 };
      if (seen.has(name)) {
        diagnostics.push({
          severity: 'warning',
          code: 'IMPORT_GROUP_DUPLICATE',
          message: `Line ${i + 1}: group ${name} appears again; the second one is skipped.`,
          path: '',
        });
        current = undefined;
        // Keep skipping its lines: they belong to the skipped block.
        while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1] as string)) i++;
        continue;
      }
      seen.add(name);
      groups.push(current);
      continue;
    }
    if (current && /^\s/.test(raw)) {
      if (line.startsWith('#')) {
        if (current.description === '') current.description = line.replace(/^#+\s*/, '');
        continue;
      }
      // A trailing "# …" is not systemd's, but stderr interleaved into a
      // captured stdout ends up there ("set_tid_address# Not showing…").
      const entry = line.replace(/\s*#.*$/, '');
      if (ENTRY.test(entry)) {
        current.entries.push(entry);
        continue;
      }
    }
    ignored++;
    if (ignored <= MAX_LINE_REPORTS) {
      diagnostics.push({
        severity: 'warning',
        code: 'IMPORT_LINE_IGNORED',
        message: `Line ${i + 1} is not part of a group listing and was skipped: ${quote(line)}.`,
        path: '',
      });
    }
  }
  if (ignored > MAX_LINE_REPORTS) {
    diagnostics.push({
      severity: 'warning',
      code: 'IMPORT_LINE_IGNORED',
      message: `${ignored - MAX_LINE_REPORTS} more lines were skipped.`,
      path: '',
    });
  }
  return groups;
}
