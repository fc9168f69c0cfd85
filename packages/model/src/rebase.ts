import { z } from 'zod';
import { copyFlag, type Flag, type Grouping, GroupingSchema, type Policy } from './grouping';
import { matchFlags } from './match-flags';
import { quote } from './validate/text';

const ValueSchema = z.union([z.string(), z.number(), z.null()]);

export const RebaseConflictSchema = z
  .object({
    path: z
      .string()
      .describe(
        'JSON Pointer into the revision where the conflict is (/flags when its flag is gone there).',
      ),
    message: z.string().describe('What both sides did.'),
    base: ValueSchema.optional().describe('The value in the old baseline (null: absent).'),
    revision: ValueSchema.optional().describe('The value in the revision (null: absent).'),
    newBase: ValueSchema.optional().describe('The value in the new baseline (null: absent).'),
  })
  .describe('A change of the revision that cannot be applied onto the new baseline.');
export type RebaseConflict = z.infer<typeof RebaseConflictSchema>;

export const RebaseResultSchema = z
  .discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), grouping: GroupingSchema.describe('The merged grouping.') }),
    z.object({ ok: z.literal(false), conflicts: z.array(RebaseConflictSchema) }),
  ])
  .describe('The rebased grouping, or every conflict that prevents it.');
export type RebaseResult = z.infer<typeof RebaseResultSchema>;

type Value = string | number | null;

/** A flag of the merge, with where it came from in the revision (for conflict paths). */
interface MergedFlag {
  flag: Flag;
  revisionIndex: number | undefined;
}

/**
 * Three-way rebase: the changes from `oldBase` to `revision` applied onto
 * `newBase`. Changes to different things merge; the same change on both sides
 * merges; different changes to the same thing (kernel, a policy field, a flag's
 * name, bit or description, a flag one side removed and the other changed, two
 * new flags on one bit or one name) are conflicts. Syscall lists merge as sets:
 * the new baseline's list, minus what the revision removed, plus what it added.
 *
 * Result order: the new baseline's flags, then the revision's new flags.
 */
export function rebaseGrouping(
  oldBase: Grouping,
  revision: Grouping,
  newBase: Grouping,
): RebaseResult {
  const conflicts: RebaseConflict[] = [];
  const merge = (path: string, what: string, o: Value, r: Value, n: Value): Value => {
    if (r === o || r === n) return n;
    if (n === o) return r;
    conflicts.push({
      path,
      message: `${what}: the revision changes it to ${show(r)}, the new baseline to ${show(n)} (was ${show(o)}).`,
      base: o,
      revision: r,
      newBase: n,
    });
    return n;
  };

  const kernel = merge(
    '/kernel',
    'Kernel',
    oldBase.kernel,
    revision.kernel,
    newBase.kernel,
  ) as string;
  const fork = merge(
    '/policy/fork',
    'policy.fork',
    oldBase.policy.fork,
    revision.policy.fork,
    newBase.policy.fork,
  );
  const exec = merge(
    '/policy/exec',
    'policy.exec',
    oldBase.policy.exec ?? null,
    revision.policy.exec ?? null,
    newBase.policy.exec ?? null,
  );

  const flags = mergeFlags(oldBase, revision, newBase, merge, conflicts);
  checkCollisions(flags, conflicts);
  if (conflicts.length > 0) return { ok: false, conflicts: capConflicts(conflicts) };

  const policy: Policy = { fork: fork as string };
  if (exec !== null) policy.exec = exec as string;
  return {
    ok: true,
    grouping: { schema: newBase.schema, kernel, policy, flags: flags.map((m) => m.flag) },
  };
}

/** At most this many conflicts are listed; one more entry counts the rest. */
export const MAX_REBASE_CONFLICTS = 100;

function capConflicts(conflicts: RebaseConflict[]): RebaseConflict[] {
  if (conflicts.length <= MAX_REBASE_CONFLICTS) return conflicts;
  const omitted = conflicts.length - MAX_REBASE_CONFLICTS;
  return [
    ...conflicts.slice(0, MAX_REBASE_CONFLICTS),
    { path: '', message: `${omitted} more conflicts are not listed; resolve these first.` },
  ];
}

type Merge = (path: string, what: string, o: Value, r: Value, n: Value) => Value;

function mergeFlags(
  oldBase: Grouping,
  revision: Grouping,
  newBase: Grouping,
  merge: Merge,
  conflicts: RebaseConflict[],
): MergedFlag[] {
  const toRevision = new Map(
    matchFlags(oldBase.flags, revision.flags).pairs.map((p) => [p.from, p.to]),
  );
  const baseToNew = matchFlags(oldBase.flags, newBase.flags);
  const toNew = new Map(baseToNew.pairs.map((p) => [p.from, p.to]));
  const merged = new Map<number, MergedFlag>(); // by newBase index

  oldBase.flags.forEach((o, f) => {
    const r = toRevision.get(f);
    const n = toNew.get(f);
    const rFlag = r === undefined ? undefined : (revision.flags[r] as Flag);
    const nFlag = n === undefined ? undefined : (newBase.flags[n] as Flag);
    if (!rFlag && nFlag && !sameFlag(o, nFlag)) {
      conflicts.push({
        path: '/flags',
        message: `The revision removes flag ${quote(o.name)}, which the new baseline changed.`,
        base: o.name,
        revision: null,
        newBase: nFlag.name,
      });
    } else if (rFlag && !nFlag && !sameFlag(o, rFlag)) {
      conflicts.push({
        path: `/flags/${r}`,
        message: `The revision changes flag ${quote(o.name)}, which the new baseline removed.`,
        base: o.name,
        revision: rFlag.name,
        newBase: null,
      });
    } else if (rFlag && nFlag && n !== undefined) {
      const at = `/flags/${r}`;
      const label = `Flag ${quote(o.name)}`;
      const flag: Flag = {
        name: merge(`${at}/name`, `${label}'s name`, o.name, rFlag.name, nFlag.name) as string,
        bit: merge(`${at}/bit`, `${label}'s bit`, o.bit, rFlag.bit, nFlag.bit) as number,
        description: merge(
          `${at}/description`,
          `${label}'s description`,
          o.description,
          rFlag.description,
          nFlag.description,
        ) as string,
        syscalls: mergeSyscalls(o.syscalls, rFlag.syscalls, nFlag.syscalls),
      };
      merged.set(n, { flag, revisionIndex: r });
    }
  });

  const result: MergedFlag[] = [];
  const matchedNew = new Set(toNew.values());
  newBase.flags.forEach((nFlag, n) => {
    const m = merged.get(n);
    if (m) result.push(m);
    else if (!matchedNew.has(n)) result.push({ flag: copyFlag(nFlag), revisionIndex: undefined });
  });
  // Flags only the new baseline has, by name: where the revision's new flags may have a twin.
  const newOnly = new Map<string, MergedFlag>();
  for (const m of result) {
    if (m.revisionIndex === undefined && !newOnly.has(m.flag.name)) newOnly.set(m.flag.name, m);
  }
  const matchedRevision = new Set(toRevision.values());
  revision.flags.forEach((rFlag, r) => {
    if (!matchedRevision.has(r)) addRevisionFlag(rFlag, r, result, newOnly, merge, conflicts);
  });
  return result;
}

/** A flag the revision added: merge with the same flag the new baseline added, or append. */
function addRevisionFlag(
  rFlag: Flag,
  r: number,
  result: MergedFlag[],
  newOnly: Map<string, MergedFlag>,
  merge: Merge,
  conflicts: RebaseConflict[],
): void {
  const twin = newOnly.get(rFlag.name);
  if (twin && twin.flag.bit === rFlag.bit) {
    newOnly.delete(rFlag.name);
    // Both added the same flag: one flag, with both sides' syscalls.
    twin.flag.description = merge(
      `/flags/${r}/description`,
      `New flag ${quote(rFlag.name)}'s description`,
      null,
      rFlag.description,
      twin.flag.description,
    ) as string;
    twin.flag.syscalls = mergeSyscalls([], rFlag.syscalls, twin.flag.syscalls);
    twin.revisionIndex = r;
    return;
  }
  if (twin) {
    conflicts.push({
      path: `/flags/${r}/bit`,
      message: `Both add flag ${quote(rFlag.name)}: the revision on bit ${rFlag.bit}, the new baseline on bit ${twin.flag.bit}.`,
      base: null,
      revision: rFlag.bit,
      newBase: twin.flag.bit,
    });
    return;
  }
  result.push({ flag: copyFlag(rFlag), revisionIndex: r });
}

/** Two flags of the merge on one name or bit (each side's change was fine alone). */
function checkCollisions(flags: readonly MergedFlag[], conflicts: RebaseConflict[]): void {
  for (const field of ['bit', 'name'] as const) {
    const first = new Map<string | number, MergedFlag>();
    for (const m of flags) {
      const value = m.flag[field];
      const other = first.get(value);
      if (!other) {
        first.set(value, m);
        continue;
      }
      const [ours, theirs] = m.revisionIndex !== undefined ? [m, other] : [other, m];
      conflicts.push({
        path: ours.revisionIndex === undefined ? '/flags' : `/flags/${ours.revisionIndex}/${field}`,
        message: `Flags ${quote(ours.flag.name)} (revision) and ${quote(theirs.flag.name)} (new baseline) would both use ${field} ${show(value)}.`,
        base: null,
        revision: ours.flag[field],
        newBase: theirs.flag[field],
      });
    }
  }
}

/** newBase's list minus what the revision removed, plus what it added (in the revision's order). */
function mergeSyscalls(o: readonly string[], r: readonly string[], n: readonly string[]): string[] {
  const inOld = new Set(o);
  const inRevision = new Set(r);
  const out = n.filter((s) => !(inOld.has(s) && !inRevision.has(s)));
  const present = new Set(out);
  for (const s of r) {
    if (inOld.has(s) || present.has(s)) continue;
    present.add(s);
    out.push(s);
  }
  return out;
}

function sameFlag(a: Flag, b: Flag): boolean {
  if (a.name !== b.name || a.bit !== b.bit || a.description !== b.description) return false;
  const sa = new Set(a.syscalls);
  const sb = new Set(b.syscalls);
  return sa.size === sb.size && [...sa].every((s) => sb.has(s));
}

function show(value: Value): string {
  return value === null ? 'nothing' : typeof value === 'number' ? String(value) : quote(value);
}
