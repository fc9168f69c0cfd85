import type { KernelVerdict } from '@dust/kernel';
import { paint, type Style } from '../colors';
import { terminalSafe } from '../terminal-text';

const STATUS_STYLE: Record<string, Style> = { passed: 'green', failed: 'red', skipped: 'yellow' };

const status = (color: boolean, text: string) =>
  paint(color, STATUS_STYLE[text] ?? 'bold', text.padEnd(7));

/** The verdict as a short report: stages, checkpatch, per-flag results, reason. */
export function formatVerdict(verdict: KernelVerdict, color: boolean): string {
  const lines = [`kernel test: ${status(color, verdict.status).trimEnd()}`];
  if (verdict.reason) lines.push(`reason: ${terminalSafe(verdict.reason, 400)}`);
  if (verdict.stages.length > 0) {
    lines.push('', 'stages:');
    for (const stage of verdict.stages) {
      lines.push(
        `  ${status(color, stage.status)} ${stage.name.padEnd(11)} ${stage.seconds.toFixed(1)} s`,
      );
    }
  }
  const { checkpatch } = verdict;
  lines.push(
    '',
    checkpatch
      ? `checkpatch: ${checkpatch.errors} errors, ${checkpatch.warnings} warnings`
      : 'checkpatch: not run',
  );
  if (verdict.flags.length > 0) {
    lines.push('', 'flags:');
    for (const flag of verdict.flags) {
      const detail = flag.detail ? `: ${terminalSafe(flag.detail, 300)}` : '';
      lines.push(`  ${status(color, flag.status)} ${terminalSafe(flag.name, 40)}${detail}`);
    }
  }
  const failedStage = verdict.stages.find((s) => s.status === 'failed' && s.log);
  if (failedStage?.log) {
    lines.push('', `${failedStage.name} log (tail):`);
    for (const line of failedStage.log.split('\n').slice(-30))
      lines.push(`  ${terminalSafe(line, 300)}`);
  }
  if (verdict.workDir) lines.push('', `work dir kept: ${terminalSafe(verdict.workDir)}`);
  return `${lines.join('\n')}\n`;
}
