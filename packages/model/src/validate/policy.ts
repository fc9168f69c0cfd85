import type { Flag, Grouping } from '../grouping';
import { KERNELS } from '../syscalls/tables';
import type { Findings } from './findings';
import { quote } from './text';

export const FORK_POLICIES = ['inherit'] as const;
/** What survives execve; the kernel side of each is in docs/design.md, "Kernel semantics". */
export const EXEC_POLICIES = ['keep', 'per-task', 'reset-to-base'] as const;
/** The policies as a message lists them: "keep", "per-task" or "reset-to-base". */
const EXEC_POLICY_LIST = `${EXEC_POLICIES.slice(0, -1)
  .map((p) => `"${p}"`)
  .join(', ')} or "${EXEC_POLICIES[EXEC_POLICIES.length - 1]}"`;
/** Syscalls that run a new program: granting one makes `policy.exec` required. */
export const EXEC_SYSCALLS: ReadonlySet<string> = new Set(['execve', 'execveat']);

export function checkKernel(kernel: string, known: boolean, findings: Findings): void {
  if (known) return;
  findings.add(
    'error',
    'KERNEL_UNSUPPORTED',
    ['kernel'],
    `No syscall tables for kernel ${quote(kernel)}; supported: ${KERNELS.join(', ')}. Syscall names were not checked.`,
  );
}

/**
 * `policyGiven` is false when the document omitted `policy` altogether: a
 * missing exec policy is then reported at the document, where it belongs.
 */
export function checkPolicy(grouping: Grouping, findings: Findings, policyGiven = true): void {
  const { fork, exec } = grouping.policy;
  if (!(FORK_POLICIES as readonly string[]).includes(fork)) {
    findings.add(
      'error',
      'FORK_POLICY_INVALID',
      ['policy', 'fork'],
      `policy.fork is ${quote(fork)}; only "inherit" is allowed (a child never holds more than its parent).`,
    );
  }
  if (exec === undefined) {
    const grant = findExecGrant(grouping);
    if (grant) {
      findings.add(
        'error',
        'EXEC_POLICY_REQUIRED',
        policyGiven ? ['policy'] : [],
        `Flag ${quote(grant.flag)} grants ${grant.syscall} (/flags/${grant.index}), so policy.exec must say what survives execve: ${EXEC_POLICY_LIST}.`,
      );
    }
  } else if (!(EXEC_POLICIES as readonly string[]).includes(exec)) {
    findings.add(
      'error',
      'EXEC_POLICY_INVALID',
      ['policy', 'exec'],
      `policy.exec is ${quote(exec)}; it must be ${EXEC_POLICY_LIST}.`,
    );
  }
}

function findExecGrant(
  grouping: Grouping,
): { flag: string; index: number; syscall: string } | undefined {
  for (let index = 0; index < grouping.flags.length; index++) {
    const flag = grouping.flags[index] as Flag;
    for (const syscall of flag.syscalls) {
      if (EXEC_SYSCALLS.has(syscall)) return { flag: flag.name, index, syscall };
    }
  }
  return undefined;
}
