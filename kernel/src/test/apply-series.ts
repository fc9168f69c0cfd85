import { existsSync } from 'node:fs';
import path from 'node:path';
import { type CommandResult, commandFailed, runCommand } from './run-command';

export const BASE_REF = 'dust-base';

export interface ApplyResult {
  ok: boolean;
  commit?: string;
  /** Paths the series changed relative to the base. */
  changed: string[];
  log: string;
}

const GIT_IDENTITY = [
  '-c',
  'user.name=Dust kernel test',
  '-c',
  'user.email=kernel-test@dust.invalid',
];

/**
 * Applies the patches with `git am` in a separate worktree (`<tree>.am`) reset
 * to the clean base, then checks the resulting commit out in the build tree.
 * Checking out from whatever the build tree held before rewrites only files
 * whose content differs, so make rebuilds only what this series changes.
 */
export async function applySeries(
  tree: string,
  amWorktree: string,
  patchPaths: readonly string[],
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<ApplyResult> {
  const logs: string[] = [];
  const git = async (cwd: string, args: string[], timeoutSeconds = 300): Promise<CommandResult> => {
    const result = await runCommand('git', [...GIT_IDENTITY, ...args], {
      cwd,
      env,
      timeoutSeconds,
      signal,
    });
    logs.push(`$ git ${args.join(' ')}\n${result.output}`.trim());
    return result;
  };
  const fail = (): ApplyResult => ({ ok: false, changed: [], log: logs.join('\n') });

  if (!existsSync(amWorktree)) {
    await git(tree, ['worktree', 'prune']);
    if (commandFailed(await git(tree, ['worktree', 'add', '--detach', amWorktree, BASE_REF], 900)))
      return fail();
  }
  // A previous run may have stopped in the middle of `git am`.
  const amState = await runCommand('git', ['rev-parse', '--git-path', 'rebase-apply'], {
    cwd: amWorktree,
    env,
    signal,
  });
  if (existsSync(path.resolve(amWorktree, amState.stdout.trim())))
    await git(amWorktree, ['am', '--abort']);
  if (commandFailed(await git(amWorktree, ['checkout', '-q', '-f', '--detach', BASE_REF])))
    return fail();
  if (commandFailed(await git(amWorktree, ['clean', '-q', '-f', '-d', '-x']))) return fail();

  const am = await git(amWorktree, ['am', '--no-3way', ...patchPaths]);
  if (commandFailed(am)) {
    await git(amWorktree, ['am', '--abort']);
    return fail();
  }
  const head = await git(amWorktree, ['rev-parse', 'HEAD']);
  const commit = head.stdout.trim();
  const diff = await git(amWorktree, ['diff', '--name-only', BASE_REF, commit]);
  if (commandFailed(head) || commandFailed(diff)) return fail();

  if (commandFailed(await git(tree, ['checkout', '-q', '-f', '--detach', commit]))) return fail();
  return {
    ok: true,
    commit,
    changed: diff.stdout.split('\n').filter(Boolean),
    log: logs.join('\n'),
  };
}
