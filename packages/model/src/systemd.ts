import type { Diagnostic } from './diagnostics';
import type { Grouping, Policy } from './grouping';
import {
  addReferenceFlag,
  referenceDescription,
  startReferenceGrouping,
} from './reference/build-grouping';
import { parseSystemdFilterText, type SystemdGroup } from './systemd/parse-filter-text';

/**
 * Groups that are not flags by default:
 * - `@known` is every syscall systemd knows: a flag permitting everything.
 * - `@system-service` is a composite of sixteen other groups (@basic-io,
 *   @file-system, @network-io, @process…) plus a few calls: as a flag it would
 *   make most other flags redundant.
 * `@default` (what systemd always permits: brk, mmap, exit_group, getpid…) and
 * `@privileged` are kept: both are real groups with calls of their own.
 */
export const SYSTEMD_EXCLUDED_GROUPS: readonly string[] = ['@known', '@system-service'];

export interface SystemdImportOptions {
  /** Kernel whose tables decide which names are kept; default "6.1". */
  kernel?: string;
  /** Default `{fork: "inherit", exec: "keep"}` (systemd's @process and @default grant execve). */
  policy?: Policy;
  /** Groups not turned into flags; default SYSTEMD_EXCLUDED_GROUPS. */
  exclude?: readonly string[];
}

export interface SystemdImport {
  grouping: Grouping;
  diagnostics: Diagnostic[];
}

/**
 * Turns `systemd-analyze syscall-filter` output into a grouping: each group a
 * flag (`@basic-io` → BASIC_IO), bits in listed order, the group's comment as
 * description, `@group` references inlined. Names the kernel's tables do not
 * implement on any arch are dropped (systemd knows alpha, sparc, mips… calls),
 * as are the syscalls of the base set (read, write, exit: always allowed).
 * Every drop is reported; groups left empty are not turned into flags.
 */
export function importSystemdSyscallFilter(
  text: string,
  opts: SystemdImportOptions = {},
): SystemdImport {
  const build = startReferenceGrouping({ kernel: opts.kernel, policy: opts.policy });
  if (!('facts' in build)) return build;
  const { diagnostics } = build;
  const groups = parseSystemdFilterText(text, diagnostics);
  if (groups.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'IMPORT_NO_GROUPS',
      message: 'No @group found: expected the output of `systemd-analyze syscall-filter`.',
      path: '',
    });
    return { grouping: build.grouping, diagnostics };
  }
  const byName = new Map(groups.map((g) => [g.name, g]));
  const excluded = new Set(opts.exclude ?? SYSTEMD_EXCLUDED_GROUPS);
  const usedNames = new Set<string>();
  for (const group of groups) {
    if (excluded.has(group.name)) {
      diagnostics.push({
        severity: 'info',
        code: 'IMPORT_GROUP_EXCLUDED',
        message: `Group ${group.name} is not turned into a flag (composite or catch-all group).`,
        path: '',
      });
      continue;
    }
    // Resolved before the flag's name is taken, so its notes come first, as before.
    const syscalls = resolveGroup(group, byName, diagnostics);
    addReferenceFlag(build, {
      source: `Group ${group.name}`,
      flag: flagNameFor(group.name, usedNames),
      description: referenceDescription(group.description, `systemd's ${group.name} group`),
      syscalls,
    });
  }
  return { grouping: build.grouping, diagnostics };
}

/** The group's syscalls with its `@group` references inlined, in order, each once. */
function resolveGroup(
  group: SystemdGroup,
  byName: ReadonlyMap<string, SystemdGroup>,
  diagnostics: Diagnostic[],
): string[] {
  const out = new Set<string>();
  const visiting = new Set<string>();
  const visit = (g: SystemdGroup) => {
    if (visiting.has(g.name)) return; // a cycle adds nothing new
    visiting.add(g.name);
    for (const entry of g.entries) {
      if (!entry.startsWith('@')) {
        out.add(entry);
        continue;
      }
      const ref = byName.get(entry);
      if (ref) visit(ref);
      else {
        diagnostics.push({
          severity: 'warning',
          code: 'IMPORT_REFERENCE_UNKNOWN',
          message: `${g.name} refers to ${entry}, which the listing does not define; skipped.`,
          path: '',
        });
      }
    }
  };
  visit(group);
  return [...out];
}

/** `@basic-io` → BASIC_IO; unique, within the flag name pattern. */
function flagNameFor(group: string, used: Set<string>): string {
  let base = group
    .replace(/^@/, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[A-Z]/.test(base)) base = `G_${base}`;
  base = base.slice(0, 32);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 32 - String(n).length - 1)}_${n}`;
  used.add(name);
  return name;
}
