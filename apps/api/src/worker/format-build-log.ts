import type { KernelVerdict } from '@dust/kernel';

/** Logs are for people reading a failure; past this size only the tail matters. */
export const BUILD_LOG_LIMIT = 256 * 1024;

/** One readable log for the job: a header per stage, then what the stage printed. */
export function formatBuildLog(verdict: KernelVerdict): string {
  const parts: string[] = [];
  for (const stage of verdict.stages) {
    parts.push(`== ${stage.name}: ${stage.status} (${stage.seconds.toFixed(1)} s) ==`);
    if (stage.log) parts.push(stage.log.trimEnd());
  }
  const { checkpatch } = verdict;
  parts.push(
    checkpatch
      ? `== checkpatch: ${checkpatch.errors} errors, ${checkpatch.warnings} warnings ==`
      : '== checkpatch: not run ==',
  );
  for (const flag of verdict.flags) {
    parts.push(`flag ${flag.name}: ${flag.status}${flag.detail ? ` (${flag.detail})` : ''}`);
  }
  parts.push(`== verdict: ${verdict.status}${verdict.reason ? `: ${verdict.reason}` : ''} ==`);
  return truncateLog(parts.join('\n'));
}

export function truncateLog(log: string): string {
  if (log.length <= BUILD_LOG_LIMIT) return log;
  const cut = log.length - BUILD_LOG_LIMIT;
  return `[… ${cut} characters cut …]\n${log.slice(cut)}`;
}
