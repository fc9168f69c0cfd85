import type { Diagnostic } from './diagnostics';
import type { Flag, Grouping } from './grouping';
import { matchFlags } from './match-flags';
import { Findings } from './validate/findings';
import { quote } from './validate/text';

/**
 * Compatibility of a candidate with the current baseline (docs/design.md,
 * "Compatibility: groups only ever grow"): a candidate may only add. Removing or
 * renaming a flag, moving it to another bit, taking a syscall out of a flag or
 * changing the fork/exec policy or kernel is an error; additions are `info`.
 *
 * Paths point into the candidate; a removed flag is reported at /flags.
 * Setting `policy.exec` where the baseline had none is not a change: the
 * baseline granted no exec, so nothing that worked before breaks.
 */
export function checkCompatibility(baseline: Grouping, candidate: Grouping): Diagnostic[] {
  const findings = new Findings();
  if (baseline.kernel !== candidate.kernel) {
    findings.add(
      'error',
      'COMPAT_KERNEL_CHANGED',
      ['kernel'],
      `The baseline is for kernel ${quote(baseline.kernel)}, the candidate for ${quote(candidate.kernel)}.`,
    );
  }
  checkPolicies(baseline, candidate, findings);
  const matching = matchFlags(baseline.flags, candidate.flags);
  for (const f of matching.removed) {
    const flag = baseline.flags[f] as Flag;
    findings.add(
      'error',
      'COMPAT_FLAG_REMOVED',
      ['flags'],
      `Baseline flag ${quote(flag.name)} (bit ${flag.bit}) is gone; programs that set it would fail.`,
    );
  }
  for (const { from, to, kind } of matching.pairs) {
    const old = baseline.flags[from] as Flag;
    const now = candidate.flags[to] as Flag;
    if (kind === 'renamed') {
      findings.add(
        'error',
        'COMPAT_FLAG_RENAMED',
        ['flags', to, 'name'],
        `Bit ${now.bit} is ${quote(old.name)} in the baseline; renaming it to ${quote(now.name)} breaks programs built against the old name.`,
      );
    } else if (kind === 'bit-changed') {
      findings.add(
        'error',
        'COMPAT_BIT_CHANGED',
        ['flags', to, 'bit'],
        `Flag ${quote(now.name)} is bit ${old.bit} in the baseline; moving it to bit ${now.bit} breaks compiled programs.`,
      );
    }
    compareSyscalls(old, now, to, findings);
  }
  for (const t of matching.added) {
    const flag = candidate.flags[t] as Flag;
    findings.add(
      'info',
      'COMPAT_FLAG_ADDED',
      ['flags', t],
      `New flag ${quote(flag.name)} on bit ${flag.bit}.`,
    );
  }
  return findings.toDiagnostics();
}

function checkPolicies(baseline: Grouping, candidate: Grouping, findings: Findings): void {
  if (baseline.policy.fork !== candidate.policy.fork) {
    findings.add(
      'error',
      'COMPAT_POLICY_CHANGED',
      ['policy', 'fork'],
      `policy.fork changed from ${quote(baseline.policy.fork)} to ${quote(candidate.policy.fork)}.`,
    );
  }
  const before = baseline.policy.exec;
  const after = candidate.policy.exec;
  if (before !== undefined && before !== after) {
    findings.add(
      'error',
      'COMPAT_POLICY_CHANGED',
      after === undefined ? ['policy'] : ['policy', 'exec'],
      after === undefined
        ? `policy.exec (${quote(before)} in the baseline) was removed.`
        : `policy.exec changed from ${quote(before)} to ${quote(after)}.`,
    );
  }
}

function compareSyscalls(old: Flag, now: Flag, to: number, findings: Findings): void {
  const kept = new Set(now.syscalls);
  const had = new Set(old.syscalls);
  for (const name of had) {
    if (kept.has(name)) continue;
    findings.add(
      'error',
      'COMPAT_SYSCALL_REMOVED',
      ['flags', to, 'syscalls'],
      `${quote(name)} left flag ${quote(now.name)}; programs holding it would be killed on ${quote(name)}.`,
    );
  }
  now.syscalls.forEach((name, j) => {
    if (had.has(name)) return;
    had.add(name);
    findings.add(
      'info',
      'COMPAT_SYSCALL_ADDED',
      ['flags', to, 'syscalls', j],
      `${quote(name)} added to flag ${quote(now.name)}.`,
    );
  });
}
