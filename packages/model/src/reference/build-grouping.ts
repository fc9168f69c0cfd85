// Turns a reference's named syscall groups (systemd's @groups, strace's
// classes, pledge's promises) into a grouping: one flag per group, bits in the
// given order, keeping only the names the kernel's tables implement and
// leaving out the base set (always allowed). Every drop is reported as an
// IMPORT_* info, so a reader can see what the reference had that Linux
// has not.
import type { Diagnostic } from '../diagnostics';
import {
  DESCRIPTION_MAX_LENGTH,
  FLAG_BIT_MAX,
  GROUPING_SCHEMA_ID,
  type Grouping,
  type Policy,
} from '../grouping';
import { KERNELS } from '../syscalls/tables';
import { kernelFacts } from '../validate/kernel-facts';
import { listText, quote } from '../validate/text';

export interface ReferenceGroup {
  /** How the reference names it (`@basic-io`, `%file`, `stdio`), used in messages. */
  source: string;
  /** A valid flag name. */
  flag: string;
  description: string;
  syscalls: readonly string[];
}

export interface ReferenceImport {
  grouping: Grouping;
  diagnostics: Diagnostic[];
}

export const DEFAULT_REFERENCE_POLICY: Policy = Object.freeze({ fork: 'inherit', exec: 'keep' });

/** One line of printable text within the description limit. */
export function referenceDescription(text: string, fallback: string): string {
  const line = text
    .replace(/[\p{C}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...(line === '' ? fallback : line)].slice(0, DESCRIPTION_MAX_LENGTH).join('');
}

/** A grouping being built from a reference, group by group, with its diagnostics so far. */
export interface ReferenceBuild extends ReferenceImport {
  facts: NonNullable<ReturnType<typeof kernelFacts>>;
}

/** An empty build on `kernel`, or the KERNEL_UNSUPPORTED import when it has no tables. */
export function startReferenceGrouping(
  opts: { kernel?: string; policy?: Policy } = {},
): ReferenceBuild | ReferenceImport {
  const kernel = opts.kernel ?? '6.1';
  const policy: Policy = { ...(opts.policy ?? DEFAULT_REFERENCE_POLICY) };
  const grouping: Grouping = { schema: GROUPING_SCHEMA_ID, kernel, policy, flags: [] };
  const facts = kernelFacts(kernel);
  if (facts) return { grouping, diagnostics: [], facts };
  return {
    grouping,
    diagnostics: [
      {
        severity: 'error',
        code: 'KERNEL_UNSUPPORTED',
        message: `No syscall tables for kernel ${quote(kernel)}; supported: ${KERNELS.join(', ')}.`,
        path: '/kernel',
      },
    ],
  };
}

/** Adds `group` as the next flag, or reports why it cannot be one. */
export function addReferenceFlag(build: ReferenceBuild, group: ReferenceGroup): void {
  const { grouping, diagnostics, facts } = build;
  const kernel = grouping.kernel;
  const index = grouping.flags.length;
  const kept: string[] = [];
  const unknown: string[] = [];
  const base: string[] = [];
  for (const name of new Set(group.syscalls)) {
    const fact = facts.syscalls.get(name);
    if (fact === undefined) unknown.push(name);
    else if (fact.alwaysAllowed) base.push(name);
    else kept.push(name);
  }
  if (kept.length === 0) {
    diagnostics.push({
      severity: 'info',
      code: 'IMPORT_GROUP_EMPTY',
      message: `${group.source} has no syscall that Linux ${kernel} implements; no flag made.`,
      path: '',
    });
    return;
  }
  if (index > FLAG_BIT_MAX) {
    diagnostics.push({
      severity: 'error',
      code: 'IMPORT_TOO_MANY_GROUPS',
      message: `${group.source} would need bit ${index}, beyond ${FLAG_BIT_MAX}; it was left out.`,
      path: '/flags',
    });
    return;
  }
  const path = `/flags/${index}/syscalls`;
  if (unknown.length > 0) {
    diagnostics.push({
      severity: 'info',
      code: 'IMPORT_SYSCALL_DROPPED',
      message: `${group.source}: dropped ${unknown.length} name(s) no Linux ${kernel} table implements: ${listText(unknown.map(quote))}.`,
      path,
    });
  }
  if (base.length > 0) {
    diagnostics.push({
      severity: 'info',
      code: 'IMPORT_BASE_DROPPED',
      message: `${group.source}: dropped ${listText(base)}, in the base set and always allowed.`,
      path,
    });
  }
  grouping.flags.push({
    name: group.flag,
    bit: index,
    description: group.description,
    syscalls: kept,
  });
}

export function buildReferenceGrouping(
  groups: readonly ReferenceGroup[],
  opts: { kernel?: string; policy?: Policy } = {},
): ReferenceImport {
  const build = startReferenceGrouping(opts);
  if (!('facts' in build)) return build;
  for (const group of groups) addReferenceFlag(build, group);
  return { grouping: build.grouping, diagnostics: build.diagnostics };
}
