import { runCommand } from './run-command';
import type { CheckpatchPatchResult, CheckpatchSummary } from './types';

/**
 * Runs scripts/checkpatch.pl --no-tree on each patch and counts what it
 * reports. The counts come from checkpatch's own "total:" line; a patch
 * without one (checkpatch crashed) counts as one error.
 */
export async function runCheckpatch(
  tree: string,
  patches: readonly { name: string; path: string }[],
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<CheckpatchSummary> {
  const perPatch: CheckpatchPatchResult[] = [];
  for (const patch of patches) {
    const result = await runCommand(
      'perl',
      [
        'scripts/checkpatch.pl',
        '--no-tree',
        '--no-summary-file',
        '--color=never',
        '--show-types',
        patch.path,
      ],
      { cwd: tree, env, timeoutSeconds: 300, signal },
    );
    perPatch.push(parseCheckpatchOutput(patch.name, result.output));
  }
  return {
    errors: perPatch.reduce((n, p) => n + p.errors, 0),
    warnings: perPatch.reduce((n, p) => n + p.warnings, 0),
    perPatch,
  };
}

export function parseCheckpatchOutput(patch: string, output: string): CheckpatchPatchResult {
  const lines = output.split('\n');
  const messages = lines.filter((l) => /^(ERROR|WARNING|CHECK):/.test(l)).map((l) => l.trim());
  const total =
    /^total: (\d+) errors?, (\d+) warnings?, (?:(\d+) checks?, )?\d+ lines? checked/m.exec(output);
  if (!total) {
    return {
      patch,
      errors: 1,
      warnings: 0,
      checks: 0,
      messages: [...messages, `checkpatch did not finish: ${lines.slice(-5).join(' ').trim()}`],
    };
  }
  return {
    patch,
    errors: Number(total[1]),
    warnings: Number(total[2]),
    checks: Number(total[3] ?? 0),
    messages,
  };
}
