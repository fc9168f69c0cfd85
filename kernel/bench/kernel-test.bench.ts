/**
 * Kernel test speed on the systemd-derived grouping (kernel/examples/systemd.json).
 *
 *   cold: a fresh tree checked out from the base commit (no objects, ccache
 *         disabled), configured from the base configuration: the whole kernel
 *         builds. Preparing the tree (checkout) is setup and is not timed.
 *   warm: the same grouping again on that tree: nothing changed, nothing rebuilds.
 *   warm (other grouping): small.json after systemd.json on the same tree, ccache on.
 *
 * Targets (2 cores): warm <= 60 s, cold <= 4 min. Run: npm run bench -w @dust/kernel
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Grouping } from '@dust/model';
import { checkToolchain, formatProgress, type KernelVerdict, kernelTest } from '../src/test';
import { treeFiles } from '../src/test/check-toolchain';

const here = path.dirname(fileURLToPath(import.meta.url));
const example = (name: string) =>
  JSON.parse(readFileSync(path.join(here, '..', 'examples', `${name}.json`), 'utf8')) as Grouping;

function git(cwd: string, args: string[]): void {
  const r = spawnSync('git', args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed`);
}

function removeTree(base: string, tree: string): void {
  for (const dir of [tree, `${tree}.am`]) {
    if (existsSync(dir)) git(base, ['worktree', 'remove', '--force', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(`${tree}.lock`, { recursive: true, force: true });
  git(base, ['worktree', 'prune']);
}

async function timed(label: string, grouping: Grouping, tree: string): Promise<KernelVerdict> {
  const started = performance.now();
  const verdict = await kernelTest({
    grouping,
    tree,
    onProgress: (p) => {
      if (p.event !== 'info') console.error(`  ${label} ${formatProgress(p)}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const stages = verdict.stages.map((s) => `${s.name} ${s.seconds.toFixed(1)}s`).join(', ');
  console.log(
    `${label}: ${seconds.toFixed(1)} s, ${verdict.status}${verdict.reason ? ` (${verdict.reason})` : ''}`,
  );
  console.log(`  stages: ${stages}`);
  return verdict;
}

const toolchain = await checkToolchain();
if (!toolchain.ok) {
  console.log(`kernel-test bench skipped: ${toolchain.reason}`);
  process.exit(0);
}
const base = toolchain.tree;
const grouping = existsSync(path.join(here, '..', 'examples', 'systemd.json'))
  ? example('systemd')
  : example('small');
const coldTree = path.join(path.dirname(base), 'bench-cold-linux-6.1');

removeTree(base, coldTree);
console.error('preparing a fresh tree (not timed)…');
git(base, ['worktree', 'add', '-q', '--detach', coldTree, 'dust-base']);
git(base, ['worktree', 'add', '-q', '--detach', `${coldTree}.am`, 'dust-base']);
mkdirSync(path.join(coldTree, '.dust'));
copyFileSync(treeFiles(base).baseConfig, treeFiles(coldTree).baseConfig);
try {
  process.env.CCACHE_DISABLE = '1';
  await timed('cold (no objects, no ccache)', grouping, coldTree);
  delete process.env.CCACHE_DISABLE;
  await timed('warm (same grouping)', grouping, coldTree);
  await timed('warm (small.json after it)', example('small'), coldTree);
} finally {
  delete process.env.CCACHE_DISABLE;
  removeTree(base, coldTree);
}
