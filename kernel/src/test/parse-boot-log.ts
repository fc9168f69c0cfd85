import { SELFTEST_NAME } from '../render/selftest-source';
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

const SELFTEST_RUN = /^#\s+RUN\s+(\S+) \.\.\.$/;
const SELFTEST_RESULT = /^(not ok|ok) (\d+) (.*)$/;
const SELFTEST_PLAN = /^1\.\.(\d+)/;

export const SELFTEST_SCOPE = 'selftest';

/**
 * The series' own selftest (kselftest TAP between DUST-SELFTEST-BEGIN and
 * DUST-SELFTEST-END): one check per test, and the `selftest run` check, which
 * passes only when the program exited 0 after reporting as many tests as it
 * planned, at least one. 6.1's harness prints a skip as `ok N # SKIP reason`
 * without the name: the name comes from the test's `#  RUN` line.
 */
function parseSelftest(lines: string[]): { run: BootCheck; tests: BootCheck[] } {
  const begin = lines.findIndex((l) => l.includes('DUST-SELFTEST-BEGIN'));
  const end = lines.findIndex((l, i) => i > begin && l.includes('DUST-SELFTEST-END'));
  const check = (status: BootCheck['status'], detail: string): BootCheck => ({
    scope: SELFTEST_SCOPE,
    check: 'run',
    status,
    detail,
  });
  if (begin < 0) return { run: check('failed', 'the selftest did not start'), tests: [] };
  const tests: BootCheck[] = [];
  let planned = -1;
  let running = '';
  for (const raw of lines.slice(begin + 1, end < 0 ? undefined : end)) {
    const line = raw.trimEnd();
    const plan = SELFTEST_PLAN.exec(line);
    if (plan?.[1] && planned < 0) planned = Number(plan[1]);
    const run = SELFTEST_RUN.exec(line);
    if (run?.[1]) running = run[1];
    const m = SELFTEST_RESULT.exec(line);
    if (!m?.[1] || !m[3]) continue;
    const skip = /^# SKIP ?(.*)$/.exec(m[3]);
    tests.push({
      scope: SELFTEST_SCOPE,
      check: skip ? running || `test ${m[2]}` : m[3].trim(),
      status: skip ? 'skipped' : m[1] === 'ok' ? 'passed' : 'failed',
      ...(skip?.[1] ? { detail: skip[1].trim() } : {}),
    });
    running = '';
  }
  const ending =
    end < 0 ? 'did not finish' : (lines[end] ?? '').replace(/^.*DUST-SELFTEST-END ?/, '').trim();
  const counts = `${tests.filter((t) => t.status === 'passed').length} passed, ${tests.filter((t) => t.status === 'failed').length} failed, ${tests.filter((t) => t.status === 'skipped').length} skipped of ${planned < 0 ? '?' : planned} planned`;
  const ok =
    ending === 'exit 0' &&
    planned > 0 &&
    tests.length === planned &&
    tests.every((t) => t.status !== 'failed');
  return { run: check(ok ? 'passed' : 'failed', `${SELFTEST_NAME} ${ending}: ${counts}`), tests };
}
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

  const selftest = parseSelftest(lines);
  seen.set(`${SELFTEST_SCOPE} run`, selftest.run);
  const checks: BootCheck[] = plan.expected.map(({ scope, check }) => {
    const found = seen.get(`${scope} ${check}`);
    return found ?? { scope, check, status: 'failed', detail: `no result: ${stopped}` };
  });
  checks.push(...selftest.tests);
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
