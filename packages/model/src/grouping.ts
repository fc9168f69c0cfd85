import { z } from 'zod';

/**
 * The grouping document `dust.grouping/v1` (see docs/design.md, "The grouping document").
 *
 * The schema checks structure and JSON types only. Every rule that has its own
 * diagnostic code (name pattern, bit range, description text, duplicates…) is
 * checked by the validator, so that users and tools can tell the problems apart;
 * that is why `name`, `bit` and `description` are plain strings/integers here.
 */
export const GROUPING_SCHEMA_ID = 'dust.grouping/v1';

export const FLAG_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,31}$/;
export const FLAG_BIT_MAX = 31;
export const DESCRIPTION_MAX_LENGTH = 200;

export const ForkPolicySchema = z
  .string()
  .describe(
    'What a forked child holds. Only "inherit" is valid: a child never holds more than its parent.',
  );

export const ExecPolicySchema = z
  .string()
  .describe(
    'What survives execve: "keep" (flags survive, as seccomp filters do), "per-task" (each task names, with the fourth prctl() argument, the flags it drops at its next execve; none by default) or "reset-to-base" (only the base set remains). Required when any flag permits execve or execveat.',
  );

/** What an omitted `policy` (or `policy.fork`) means: children inherit, exec unspecified. */
export const DEFAULT_FORK_POLICY = 'inherit';

// `policy` and `policy.fork` may be omitted (docs/design.md, "The grouping
// document"): fork can only be "inherit", and exec is required only when an
// exec syscall is granted, which the validator reports as EXEC_POLICY_REQUIRED
// rather than as a missing field.
export const PolicySchema = z
  .strictObject({
    fork: ForkPolicySchema.default(DEFAULT_FORK_POLICY),
    exec: ExecPolicySchema.optional(),
  })
  .describe('Fork and exec behaviour of flags mode. May be omitted: fork is then "inherit".');

export const FlagSchema = z
  .strictObject({
    name: z
      .string()
      .describe('Flag name, ^[A-Z][A-Z0-9_]{0,31}$, rendered as SECCOMP_FLAG_<NAME>.'),
    bit: z
      .number()
      .int()
      .describe(
        'Bit number 0..31 (the prctl argument is an unsigned long, 32 bits on 32-bit arches).',
      ),
    description: z.string().describe('One line of printable text, at most 200 characters.'),
    syscalls: z
      .array(z.string())
      .describe(
        'Kernel syscall names as in the syscall tables (openat, fstat64, clock_gettime64…). A syscall may sit in several flags.',
      ),
  })
  .describe('One flag: a bit of the prctl mask that permits a group of syscalls.');

export const GroupingSchema = z
  .strictObject({
    schema: z.literal(GROUPING_SCHEMA_ID).describe('Document format identifier.'),
    kernel: z
      .string()
      .describe('Kernel version whose syscall tables the names refer to, e.g. "6.1".'),
    policy: PolicySchema.default(() => ({ fork: DEFAULT_FORK_POLICY })),
    flags: z.array(FlagSchema).describe('The flags, each permitting one group of syscalls.'),
  })
  .describe('A full flag set for SECCOMP flags mode (dust.grouping/v1).');

export type Grouping = z.infer<typeof GroupingSchema>;
export type Flag = z.infer<typeof FlagSchema>;
export type Policy = z.infer<typeof PolicySchema>;

/** A copy of a flag with its own syscall list, so a result never shares arrays with its inputs. */
export function copyFlag(flag: Flag): Flag {
  return {
    name: flag.name,
    bit: flag.bit,
    description: flag.description,
    syscalls: [...flag.syscalls],
  };
}

/** Release 0: no flags, only the base set (strict mode). */
export const EMPTY_GROUPING: Grouping = Object.freeze({
  schema: GROUPING_SCHEMA_ID,
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'keep' },
  flags: [],
}) as Grouping;
