import path from 'node:path';
import { commandFailed, runCommand, tailLines } from './run-command';

export interface BuildResult {
  ok: boolean;
  /** Objects compiled (lines starting with "CC"). */
  compiled: number;
  log: string;
}

/** Incremental `make bzImage` through scripts/make-kernel.sh (ccache, fixed build identity). */
export async function buildKernel(
  tree: string,
  scriptsDir: string,
  env: NodeJS.ProcessEnv,
  onCompiled?: (count: number, file: string) => void,
  signal?: AbortSignal,
): Promise<BuildResult> {
  let compiled = 0;
  const result = await runCommand(path.join(scriptsDir, 'make-kernel.sh'), [tree, 'bzImage'], {
    env,
    signal,
    timeoutSeconds: 3600,
    keepBytes: 256 * 1024,
    onLine: (line) => {
      const cc = /^\s+CC\s+(\S+)/.exec(line);
      if (cc?.[1]) {
        compiled++;
        onCompiled?.(compiled, cc[1]);
      }
    },
  });
  const failed = commandFailed(result);
  const errors = result.output
    .split('\n')
    .filter((l) => /error|Error \d/.test(l))
    .slice(0, 40)
    .join('\n');
  return {
    ok: !failed,
    compiled,
    log: failed
      ? `${result.timedOut ? 'make timed out\n' : ''}${errors}\n...\n${tailLines(result.output, 40)}`.trim()
      : tailLines(result.output, 5),
  };
}
