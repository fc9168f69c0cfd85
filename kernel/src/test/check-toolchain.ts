import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { kernelTestConfig, SETUP_COMMAND } from './config';
import { runCommand } from './run-command';

export const REQUIRED_COMMANDS = [
  'git',
  'make',
  'gcc',
  'ccache',
  'perl',
  'flex',
  'bison',
  'bc',
  'timeout',
  'qemu-system-x86_64',
] as const;

export interface ToolchainStatus {
  ok: boolean;
  tree: string;
  /** What is missing, each item readable on its own. */
  missing: string[];
  /** One sentence for the user, naming the setup command; absent when ok. */
  reason?: string;
}

/** The files a prepared tree holds (see scripts/setup.sh). */
export function treeFiles(tree: string) {
  return {
    baseConfig: path.join(tree, '.dust', 'base.config'),
    bzImage: path.join(tree, 'arch', 'x86', 'boot', 'bzImage'),
    genInitCpio: path.join(tree, 'usr', 'gen_init_cpio'),
    checkpatch: path.join(tree, 'scripts', 'checkpatch.pl'),
    amWorktree: `${tree}.am`,
  };
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

/**
 * Is everything the kernel test needs present? Never throws: a missing piece
 * is reported with the command that installs it.
 */
export async function checkToolchain(opts: { tree?: string } = {}): Promise<ToolchainStatus> {
  const config = kernelTestConfig();
  const tree = opts.tree ?? config.defaultTree;
  const missing: string[] = REQUIRED_COMMANDS.filter((c) => !onPath(c, config.env)).map(
    (c) => `command ${c}`,
  );
  if (!missing.includes('command gcc')) {
    const libc = await runCommand('gcc', ['-print-file-name=libc.a'], {
      env: config.env,
      timeoutSeconds: 20,
    });
    if (!path.isAbsolute(libc.stdout.trim()))
      missing.push('static libc (libc6-dev) for gcc -static');
  }
  const files = treeFiles(tree);
  if (!existsSync(path.join(tree, 'Makefile'))) {
    missing.push(`kernel tree ${tree}`);
  } else {
    if (!existsSync(path.join(tree, '.git'))) missing.push(`git base commit in ${tree}`);
    if (!existsSync(files.baseConfig)) missing.push(`base configuration ${files.baseConfig}`);
    // A tree without a pre-built kernel is fine: the build stage then builds it all (slower).
  }
  if (missing.length === 0) return { ok: true, tree, missing };
  return {
    ok: false,
    tree,
    missing,
    reason: `kernel toolchain not ready (missing: ${missing.join(', ')}): run \`${SETUP_COMMAND}\``,
  };
}
