import { z } from 'zod';
import { copyFlag, type Flag, FlagSchema, type Grouping } from './grouping';
import { matchFlags } from './match-flags';

const BitSchema = z.number().int().describe('Bit number of the flag.');
const FlagNameSchema = z.string().describe('Flag name.');

export const GroupingDiffSchema = z
  .object({
    identical: z
      .boolean()
      .describe(
        'True when nothing below changed (the order of flags or syscalls is not a change).',
      ),
    kernel: z
      .object({ from: z.string(), to: z.string() })
      .nullable()
      .describe('The kernel version, when it changed.'),
    policy: z
      .array(
        z.object({
          field: z.enum(['fork', 'exec']).describe('Which policy field.'),
          from: z.string().nullable().describe('Old value; null when it was not set.'),
          to: z.string().nullable().describe('New value; null when it is no longer set.'),
        }),
      )
      .describe('Changed policy fields.'),
    flagsAdded: z.array(FlagSchema).describe('Flags with no counterpart in `from`.'),
    flagsRemoved: z.array(FlagSchema).describe('Flags of `from` with no counterpart in `to`.'),
    flagsRenamed: z
      .array(z.object({ bit: BitSchema, from: FlagNameSchema, to: FlagNameSchema }))
      .describe('Same bit, other name.'),
    bitsChanged: z
      .array(z.object({ name: FlagNameSchema, from: BitSchema, to: BitSchema }))
      .describe('Same name, other bit.'),
    descriptionsChanged: z
      .array(z.object({ name: FlagNameSchema, bit: BitSchema, from: z.string(), to: z.string() }))
      .describe('Flags (named as in `to`) whose description changed.'),
    syscallsChanged: z
      .array(
        z.object({
          name: FlagNameSchema,
          bit: BitSchema,
          added: z.array(z.string()).describe('Syscalls the flag permits now and did not before.'),
          removed: z.array(z.string()).describe('Syscalls the flag no longer permits.'),
        }),
      )
      .describe('Per flag present in both (named as in `to`), the syscalls added and removed.'),
    syscallsMoved: z
      .array(
        z.object({
          syscall: z.string(),
          from: FlagNameSchema.describe('Flag (as named in `from`) the syscall left.'),
          to: FlagNameSchema.describe('Flag (as named in `to`) the syscall joined.'),
        }),
      )
      .describe(
        'Syscalls that left one flag and joined another, including added and removed flags. A summary: they also appear in syscallsChanged.',
      ),
  })
  .describe('Semantic difference between two groupings; flags are matched by name and bit.');

export type GroupingDiff = z.infer<typeof GroupingDiffSchema>;

/**
 * The semantic diff from one grouping to another. Flags are paired as in the
 * compatibility check: equal name and bit, then equal name (bit changed), then
 * equal bit (renamed); the rest were added or removed.
 */
export function diffGroupings(from: Grouping, to: Grouping): GroupingDiff {
  const matching = matchFlags(from.flags, to.flags);
  const diff: GroupingDiff = {
    identical: false,
    kernel: from.kernel === to.kernel ? null : { from: from.kernel, to: to.kernel },
    policy: diffPolicy(from, to),
    flagsAdded: matching.added.map((t) => copyFlag(to.flags[t] as Flag)),
    flagsRemoved: matching.removed.map((f) => copyFlag(from.flags[f] as Flag)),
    flagsRenamed: [],
    bitsChanged: [],
    descriptionsChanged: [],
    syscallsChanged: [],
    syscallsMoved: [],
  };
  const left = new Map<string, string[]>();
  const joined: { syscall: string; flag: string }[] = [];
  const note = (map: Map<string, string[]>, syscall: string, flag: string) => {
    const list = map.get(syscall);
    if (list) list.push(flag);
    else map.set(syscall, [flag]);
  };

  for (const { from: f, to: t, kind } of matching.pairs) {
    const a = from.flags[f] as Flag;
    const b = to.flags[t] as Flag;
    if (kind === 'renamed') diff.flagsRenamed.push({ bit: b.bit, from: a.name, to: b.name });
    if (kind === 'bit-changed') diff.bitsChanged.push({ name: b.name, from: a.bit, to: b.bit });
    if (a.description !== b.description) {
      diff.descriptionsChanged.push({
        name: b.name,
        bit: b.bit,
        from: a.description,
        to: b.description,
      });
    }
    const added = setMinus(b.syscalls, a.syscalls);
    const removed = setMinus(a.syscalls, b.syscalls);
    if (added.length > 0 || removed.length > 0) {
      diff.syscallsChanged.push({ name: b.name, bit: b.bit, added, removed });
    }
    for (const s of removed) note(left, s, a.name);
    for (const s of added) joined.push({ syscall: s, flag: b.name });
  }
  for (const flag of diff.flagsRemoved)
    for (const s of new Set(flag.syscalls)) note(left, s, flag.name);
  for (const flag of diff.flagsAdded)
    for (const s of new Set(flag.syscalls)) joined.push({ syscall: s, flag: flag.name });
  for (const { syscall, flag } of joined) {
    for (const origin of left.get(syscall) ?? [])
      diff.syscallsMoved.push({ syscall, from: origin, to: flag });
  }

  diff.identical =
    diff.kernel === null &&
    diff.policy.length === 0 &&
    diff.flagsAdded.length === 0 &&
    diff.flagsRemoved.length === 0 &&
    diff.flagsRenamed.length === 0 &&
    diff.bitsChanged.length === 0 &&
    diff.descriptionsChanged.length === 0 &&
    diff.syscallsChanged.length === 0;
  return diff;
}

function diffPolicy(from: Grouping, to: Grouping): GroupingDiff['policy'] {
  const changes: GroupingDiff['policy'] = [];
  for (const field of ['fork', 'exec'] as const) {
    const a = from.policy[field] ?? null;
    const b = to.policy[field] ?? null;
    if (a !== b) changes.push({ field, from: a, to: b });
  }
  return changes;
}

/** Items of `a` not in `b`, in `a`'s order, without repeats. */
function setMinus(a: readonly string[], b: readonly string[]): string[] {
  const exclude = new Set(b);
  const out: string[] = [];
  for (const s of a) {
    if (exclude.has(s)) continue;
    exclude.add(s);
    out.push(s);
  }
  return out;
}
