import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real binary, as users run it. */
export const DUST_BIN = fileURLToPath(new URL('../bin/dust.js', import.meta.url));

export interface DustResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runDust(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): DustResult {
  // The colour switches come only from the test itself, never from the shell
  // that runs the suite (CI exports NO_COLOR, a developer's terminal may force colour).
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, ...options.env };
  const result = spawnSync(process.execPath, [DUST_BIN, ...args], {
    input: options.input ?? '',
    env,
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp dir for one test file, removed by `cleanup`. */
export function tempDir(): {
  dir: string;
  write(name: string, content: unknown): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'dust-cli-test-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A user error: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
export function isOneLineError(result: DustResult): boolean {
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  return (
    result.status === 2 &&
    result.stdout === '' &&
    lines.length === 1 &&
    !/\n\s+at /.test(result.stderr) &&
    !result.stderr.includes('node:internal')
  );
}

export function grouping(flags: unknown[], extra: Record<string, unknown> = {}) {
  return {
    schema: 'dust.grouping/v1',
    kernel: '6.1',
    policy: { fork: 'inherit', exec: 'keep' },
    flags,
    ...extra,
  };
}
