import type { BootPlan } from './plan-boot-test';
import type { BootCheck, FlagResult } from './types';

export interface BootReport {
  /** The test program printed its begin and end lines. */
  complete: boolean;
  checks: BootCheck[];
  flags: FlagResult[];
  /** First problem, for the verdict's reason. */
  problem?: string;
}

const RESULT_LINE = /DUST-RESULT ([A-Za-z0-9_-]+) ([a-z-]+) (pass|fail)(?: (.*))?$/;
const PANIC = /Kernel panic - not syncing: (.*)$/m;

/** Console lines the verdict should show when something went wrong. */
export function consoleTail(console: string, lines = 40): string {
  return console.split('\n').slice(-lines).join('\n').trim();
}

/**
 * Turns the boot console into check results. Every check the plan expects
 * must appear; a missing one fails (the test stopped early), an unexpected
 * one is ignored. Checks the plan could not run are reported as skipped.
 */
export function parseBootLog(console: string, plan: BootPlan): BootReport {
  const lines = console.split('\n');
  const begun = lines.some((l) => l.includes('DUST-BEGIN '));
  const ended = lines.some((l) => l.includes('DUST-END '));
  const seen = new Map<string, BootCheck>();
  for (const line of lines) {
    const m = RESULT_LINE.exec(line.trimEnd());
    if (!m?.[1] || !m[2]) continue;
    const key = `${m[1]} ${m[2]}`;
    if (seen.has(key)) continue;
    const detail = m[4]?.trim();
    seen.set(key, {
      scope: m[1],
      check: m[2],
      status: m[3] === 'pass' ? 'passed' : 'failed',
      ...(detail ? { detail } : {}),
    });
  }
  const panic = PANIC.exec(console)?.[1]?.trim();
  const stopped = !begun
    ? 'the test program did not start'
    : panic
      ? `the kernel panicked: ${panic}`
      : 'the test program stopped before reporting it';

  const checks: BootCheck[] = plan.expected.map(({ scope, check }) => {
    const found = seen.get(`${scope} ${check}`);
    return found ?? { scope, check, status: 'failed', detail: `no result: ${stopped}` };
  });
  for (const na of plan.notApplicable) {
    checks.push({
      scope: na.scope,
      check: na.check,
      status: 'skipped',
      detail: `not applicable: ${na.reason}`,
    });
  }

  const flags: FlagResult[] = plan.flags.map((flag) => {
    const own = checks.filter((c) => c.scope === flag.name && c.status !== 'skipped');
    const failed = own.filter((c) => c.status === 'failed');
    const notes = [
      flag.notCalled.length ? `not called: ${flag.notCalled.join(', ')}` : '',
      flag.notOnArch.length ? `not on x86_64: ${flag.notOnArch.join(', ')}` : '',
    ].filter(Boolean);
    const summary = failed.length
      ? failed.map((c) => `${c.check}: ${c.detail ?? 'failed'}`).join('; ')
      : own.map((c) => c.detail ?? c.check).join('; ');
    return {
      name: flag.name,
      status: failed.length ? 'failed' : 'passed',
      detail: [summary, ...notes].filter(Boolean).join('; '),
    };
  });

  const firstFailure = checks.find((c) => c.status === 'failed');
  return {
    complete: begun && ended,
    checks,
    flags,
    ...(firstFailure
      ? {
          problem: `${firstFailure.scope} ${firstFailure.check}: ${firstFailure.detail ?? 'failed'}`,
        }
      : !ended
        ? { problem: stopped }
        : {}),
  };
}
