import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { commandFailed, runCommand } from './run-command';

/** Symbols the series must provide and the test needs on top of the base configuration. */
export const SERIES_SYMBOLS = ['SECCOMP_FLAGS'] as const;

export interface ConfigureResult {
  ok: boolean;
  /** Did .config change (and so make will reconfigure)? */
  changed: boolean;
  log: string;
}

/** The symbols listed in scripts/kernel.config (one per line, # comments). */
export function readKernelConfigSymbols(scriptsDir: string): string[] {
  return readFileSync(path.join(scriptsDir, 'kernel.config'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * Starts from the tree's base configuration, enables what the series adds,
 * resolves it with olddefconfig in a scratch file, and replaces .config only
 * when the result differs: an untouched .config costs make nothing.
 */
export async function configureKernel(
  tree: string,
  baseConfig: string,
  scriptsDir: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<ConfigureResult> {
  const next = '.config.dust-next';
  const nextPath = path.join(tree, next);
  const wanted = [...readKernelConfigSymbols(scriptsDir), ...SERIES_SYMBOLS];
  copyFileSync(baseConfig, nextPath);
  const logs: string[] = [];
  const enable = await runCommand(
    path.join(tree, 'scripts', 'config'),
    ['--file', next, ...wanted.flatMap((s) => ['--enable', s])],
    { cwd: tree, env, timeoutSeconds: 60, signal },
  );
  logs.push(enable.output);
  const resolve = await runCommand(
    path.join(scriptsDir, 'make-kernel.sh'),
    [tree, '-s', `KCONFIG_CONFIG=${next}`, 'olddefconfig'],
    { env, timeoutSeconds: 300, signal },
  );
  logs.push(resolve.output);
  rmSync(`${nextPath}.old`, { force: true });
  if (commandFailed(enable) || commandFailed(resolve)) {
    rmSync(nextPath, { force: true });
    return { ok: false, changed: false, log: logs.join('\n') };
  }
  const text = readFileSync(nextPath, 'utf8');
  const lost = wanted.filter((symbol) => !new RegExp(`^CONFIG_${symbol}=y$`, 'm').test(text));
  if (lost.length > 0) {
    rmSync(nextPath, { force: true });
    logs.push(
      `olddefconfig did not keep ${lost.map((s) => `CONFIG_${s}`).join(', ')}: ` +
        'the series must add the option (and its dependencies must hold)',
    );
    return { ok: false, changed: false, log: logs.join('\n').trim() };
  }
  const current = path.join(tree, '.config');
  const changed = !existsSync(current) || readFileSync(current, 'utf8') !== text;
  if (changed) renameSync(nextPath, current);
  else rmSync(nextPath, { force: true });
  return { ok: true, changed, log: logs.join('\n').trim() };
}
