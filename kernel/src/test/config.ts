import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the kernel test finds its cache, tree and scripts. The only reader of process.env here. */
export interface KernelTestConfig {
  /** ${DUST_CACHE_DIR:-~/.cache/dust} */
  cacheDir: string;
  /** The tree kernel:setup prepares. */
  defaultTree: string;
  /** kernel/scripts (setup.sh, make-kernel.sh, kernel.config). */
  scriptsDir: string;
  /** kernel/src/test/boot (init.c, exec-probe.c). */
  bootSourceDir: string;
  /** Environment for child processes (make, git, QEMU). */
  env: NodeJS.ProcessEnv;
}

export const SETUP_COMMAND = 'npm run kernel:setup';

/** What a deployment of a build worker may set for the kernel test (docker-compose.yml). */
export const KERNEL_ENV_KEYS = ['DUST_CACHE_DIR'] as const;

export function kernelTestConfig(env: NodeJS.ProcessEnv = process.env): KernelTestConfig {
  const cacheDir = env.DUST_CACHE_DIR || path.join(env.HOME || homedir(), '.cache', 'dust');
  const here = path.dirname(fileURLToPath(import.meta.url));
  return {
    cacheDir,
    defaultTree: path.join(cacheDir, 'linux-6.1'),
    scriptsDir: path.resolve(here, '../../scripts'),
    bootSourceDir: path.join(here, 'boot'),
    env: { ...env, DUST_CACHE_DIR: cacheDir, LC_ALL: 'C' },
  };
}
