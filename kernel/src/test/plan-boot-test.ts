import { baseSyscallsFor, FLAG_NAME_PATTERN, type Grouping, getSyscallTable } from '@dust/model';
import { type ExecPolicy, execPolicyOf } from '../render/c-source';
import { EXEC_SYSCALLS, FORK_SYSCALLS, OUTSIDE_PREFERENCE, UNSAFE_TO_CALL } from './syscall-safety';

/** The boot test runs on x86_64 (QEMU on the host): numbers come from that table. */
export const BOOT_ARCH = 'x86_64';

export interface SyscallRef {
  name: string;
  nr: number;
}

export interface FlagPlan {
  name: string;
  bit: number;
  /** Granted syscalls the test calls (x86_64, not base, safe with -1 arguments). */
  callable: SyscallRef[];
  /** Granted on x86_64 but not called (see syscall-safety.ts). */
  notCalled: string[];
  /** Granted names x86_64 does not implement (compiled out by the mask table's #ifdef). */
  notOnArch: string[];
  /** A harmless syscall in neither this flag nor the base set: must kill. */
  outside: SyscallRef | null;
}

export interface ForkPlan {
  flag: string;
  mask: number;
  via: (typeof FORK_SYSCALLS)[number];
  inside: SyscallRef | null;
  outside: SyscallRef;
  /** Mask with one more flag than the parent holds: gaining it must fail with EPERM. */
  superset: number | null;
}

export interface ExecPlan {
  flag: string;
  mask: number;
  via: (typeof EXEC_SYSCALLS)[number];
  reset: boolean;
  /** The policy's name for the report; per-task with no drop set behaves as keep. */
  policy: ExecPolicy;
  inside: SyscallRef;
  outside: SyscallRef | null;
}

/** A check the plan cannot run, with the reason (reported as skipped). */
export interface NotApplicable {
  scope: string;
  check: string;
  reason: string;
}

export interface BootPlan {
  flags: FlagPlan[];
  allFlags: number;
  unknownMasks: bigint[];
  dropSubset: { flag: string; mask: number; call: SyscallRef } | null;
  fork: ForkPlan | null;
  exec: ExecPlan | null;
  /** Every check the test program will report, as `scope check`. */
  expected: { scope: string; check: string }[];
  notApplicable: NotApplicable[];
}

const SYSCALL_NAME = /^[a-z_][a-z0-9_]*$/;

/** Throws when the grouping cannot be turned into a boot test (it should have been validated). */
export function planBootTest(grouping: Grouping): BootPlan {
  const table = getSyscallTable(grouping.kernel, BOOT_ARCH);
  if (!table) throw new Error(`no ${BOOT_ARCH} syscall table for kernel ${grouping.kernel}`);
  const numbers = new Map<string, number>();
  for (const row of table) {
    if (row.entry !== null && (row.abi === 'common' || row.abi === '64'))
      numbers.set(row.name, row.number);
  }
  const base = new Set(baseSyscallsFor(BOOT_ARCH));
  const ref = (name: string): SyscallRef => {
    const nr = numbers.get(name);
    if (nr === undefined || !SYSCALL_NAME.test(name))
      throw new Error(`no ${BOOT_ARCH} syscall ${name}`);
    return { name, nr };
  };
  const safeByNumber = [...numbers.keys()]
    .filter((name) => !UNSAFE_TO_CALL.has(name) && !base.has(name))
    .sort((a, b) => (numbers.get(a) ?? 0) - (numbers.get(b) ?? 0));
  const outsideOf = (granted: ReadonlySet<string>): SyscallRef | null => {
    const name = [...OUTSIDE_PREFERENCE, ...safeByNumber].find(
      (n) => numbers.has(n) && !granted.has(n),
    );
    return name ? ref(name) : null;
  };

  const seenBits = new Set<number>();
  const flags: FlagPlan[] = grouping.flags.map((flag) => {
    if (!FLAG_NAME_PATTERN.test(flag.name))
      throw new Error(`invalid flag name ${JSON.stringify(flag.name)}`);
    if (!Number.isInteger(flag.bit) || flag.bit < 0 || flag.bit > 31 || seenBits.has(flag.bit)) {
      throw new Error(`flag ${flag.name}: bit ${flag.bit} is not a free bit in 0..31`);
    }
    seenBits.add(flag.bit);
    const granted = new Set(flag.syscalls);
    const unique = [...granted].filter((name) => !base.has(name));
    return {
      name: flag.name,
      bit: flag.bit,
      callable: unique.filter((n) => numbers.has(n) && !UNSAFE_TO_CALL.has(n)).map(ref),
      notCalled: unique.filter((n) => numbers.has(n) && UNSAFE_TO_CALL.has(n)),
      notOnArch: unique.filter((n) => !numbers.has(n)),
      outside: outsideOf(granted),
    };
  });
  const maskOf = (bit: number) => 2 ** bit;
  const allFlags = flags.reduce((mask, f) => mask + maskOf(f.bit), 0);
  const unknownBit = [...Array(32).keys()].find((bit) => !seenBits.has(bit));
  const unknownMasks = [
    ...(unknownBit === undefined ? [] : [1n << BigInt(unknownBit)]),
    1n << 32n,
    1n << 63n,
  ];

  const notApplicable: NotApplicable[] = [];
  const grantedBy = (name: string) => grouping.flags.filter((f) => f.syscalls.includes(name));

  let dropSubset: BootPlan['dropSubset'] = null;
  for (const flag of flags) {
    const others = new Set(
      grouping.flags.filter((f) => f.name !== flag.name).flatMap((f) => f.syscalls),
    );
    const call = flag.callable.find((c) => !others.has(c.name));
    if (call) {
      dropSubset = { flag: flag.name, mask: maskOf(flag.bit), call };
      break;
    }
  }
  if (!dropSubset) {
    notApplicable.push({
      scope: 'mode',
      check: 'drop-subset',
      reason:
        flags.length === 0
          ? 'the grouping has no flags to drop'
          : 'no flag has a callable syscall that no other flag grants',
    });
  }

  const fork = planFork(grouping, flags, grantedBy, outsideOf, maskOf);
  if (typeof fork === 'string')
    notApplicable.push({ scope: 'policy', check: 'fork-inherit', reason: fork });
  const exec = planExec(grouping, flags, grantedBy, outsideOf, maskOf, ref);
  if (typeof exec === 'string')
    notApplicable.push({ scope: 'policy', check: 'exec', reason: exec });

  const expected = [
    { scope: 'mode', check: 'base-set' },
    { scope: 'mode', check: 'base-kill' },
    { scope: 'mode', check: 'exit-group-kill' },
    { scope: 'mode', check: 'unknown-bits' },
    ...(dropSubset ? [{ scope: 'mode', check: 'drop-subset' }] : []),
    ...flags.flatMap((f) => [
      { scope: f.name, check: 'allow' },
      ...(f.outside ? [{ scope: f.name, check: 'kill-outside' }] : []),
      { scope: f.name, check: 'drop' },
      { scope: f.name, check: 'regain' },
    ]),
    ...(typeof fork === 'object' ? [{ scope: 'policy', check: 'fork-inherit' }] : []),
    ...(typeof exec === 'object' ? [{ scope: 'policy', check: 'exec' }] : []),
    // The series' own selftest, run after the checks above (see parse-boot-log.ts).
    { scope: 'selftest', check: 'run' },
  ];
  for (const f of flags.filter((flag) => !flag.outside)) {
    notApplicable.push({
      scope: f.name,
      check: 'kill-outside',
      reason: 'the flag grants every harmless syscall',
    });
  }
  return {
    flags,
    allFlags,
    unknownMasks,
    dropSubset,
    fork: typeof fork === 'object' ? fork : null,
    exec: typeof exec === 'object' ? exec : null,
    expected,
    notApplicable,
  };
}

type GrantedBy = (name: string) => Grouping['flags'];
type OutsideOf = (granted: ReadonlySet<string>) => SyscallRef | null;

/**
 * The flags a policy check can run under: for each candidate syscall in order of preference,
 * the first flag that grants it, with that flag's plan.
 */
function* flagsGranting<Via extends string>(
  candidates: readonly Via[],
  flags: FlagPlan[],
  grantedBy: GrantedBy,
): Generator<{ via: Via; flag: Grouping['flags'][number]; plan: FlagPlan }> {
  for (const via of candidates) {
    const flag = grantedBy(via)[0];
    if (!flag) continue;
    const plan = flags.find((f) => f.name === flag.name);
    if (plan) yield { via, flag, plan };
  }
}

function planFork(
  grouping: Grouping,
  flags: FlagPlan[],
  grantedBy: GrantedBy,
  outsideOf: OutsideOf,
  maskOf: (bit: number) => number,
): ForkPlan | string {
  for (const { via, flag, plan } of flagsGranting(FORK_SYSCALLS, flags, grantedBy)) {
    const outside = outsideOf(new Set(flag.syscalls));
    if (!outside) continue;
    const other = grouping.flags.find((f) => f.bit !== flag.bit);
    return {
      flag: flag.name,
      mask: maskOf(flag.bit),
      via,
      inside: plan.callable[0] ?? null,
      outside,
      superset: other ? maskOf(flag.bit) + maskOf(other.bit) : null,
    };
  }
  return 'no flag grants clone, fork or clone3, so a task in flags mode cannot have children';
}

function planExec(
  grouping: Grouping,
  flags: FlagPlan[],
  grantedBy: GrantedBy,
  outsideOf: OutsideOf,
  maskOf: (bit: number) => number,
  ref: (name: string) => SyscallRef,
): ExecPlan | string {
  for (const { via, flag, plan } of flagsGranting(EXEC_SYSCALLS, flags, grantedBy)) {
    return {
      flag: flag.name,
      mask: maskOf(flag.bit),
      via,
      reset: grouping.policy.exec === 'reset-to-base',
      policy: execPolicyOf(grouping),
      // Without another callable syscall, the exec call itself (with -1 arguments: EFAULT) is the probe.
      inside: plan.callable[0] ?? ref(via),
      outside: outsideOf(new Set(flag.syscalls)),
    };
  }
  return 'no flag grants execve or execveat, so a task in flags mode cannot exec';
}
