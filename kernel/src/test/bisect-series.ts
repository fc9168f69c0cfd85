import { appendFileSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { BASE_REF } from './apply-series';
import { SERIES_SYMBOLS } from './configure-kernel';
import { commandFailed, runCommand, tailLines } from './run-command';

/**
 * The CONFIG_ symbols that lines added by `diff` use but no Kconfig defines:
 * a patch that tests a symbol a later patch introduces still compiles (its
 * #ifdef hides the code), so compiling alone would not catch it.
 */
export function undefinedConfigSymbols(diff: string, defined: ReadonlySet<string>): string[] {
  const used = new Set<string>();
  for (const line of diff.split('\n')) {
    if (!line.startsWith('+') || line.startsWith('+++')) continue;
    for (const m of line.matchAll(/\bCONFIG_([A-Z0-9_]+)\b/g)) if (m[1]) used.add(m[1]);
  }
  return [...used].filter((s) => !defined.has(s)).sort();
}

/** The symbols `config NAME` / `menuconfig NAME` lines define in Kconfig text. */
export function kconfigSymbols(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/^\s*(?:menu)?config\s+([A-Z0-9_]+)\s*$/gm)].map((m) => m[1] ?? ''),
  );
}

export interface BisectStep {
  /** 1-based position of the patch in the series. */
  patch: number;
  subject: string;
  ok: boolean;
  seconds: number;
  /** CONFIG_ symbols the prefix uses before a Kconfig of the prefix defines them. */
  undefinedSymbols: string[];
}

export interface BisectResult {
  ok: boolean;
  /** The objects each prefix built: every C file the series touches, as `.o`. */
  objects: string[];
  steps: BisectStep[];
  log: string;
}

/**
 * Bisectability (docs/design.md, "Kernel semantics"): every prefix of the
 * series, applied to Linux 6.1, uses no CONFIG_ symbol that its Kconfig files
 * do not define yet, and compiles the objects the whole series touches
 * (kernel/seccomp.o, kernel/sys.o, fs/exec.o, fs/proc/array.o). The prefixes are
 * checked out in the `git am` worktree, which apply left at the full series,
 * and built out of tree in `<tree>.bisect`, so the build tree keeps its
 * objects and timestamps; that directory persists, and with ccache a prefix
 * costs a few seconds once it has been built before. The full series is left
 * out: the build stage has just built it.
 */
export async function bisectSeries(opts: {
  tree: string;
  amWorktree: string;
  baseConfig: string;
  scriptsDir: string;
  env: NodeJS.ProcessEnv;
}): Promise<BisectResult> {
  const { amWorktree, env } = opts;
  const logs: string[] = [];
  const run = async (cmd: string, args: string[], cwd = amWorktree, timeoutSeconds = 1800) => {
    const result = await runCommand(cmd, args, { cwd, env, timeoutSeconds, keepBytes: 64 * 1024 });
    logs.push(`$ ${path.basename(cmd)} ${args.join(' ')}\n${tailLines(result.output, 20)}`.trim());
    return result;
  };
  const fail = (steps: BisectStep[], objects: string[] = []): BisectResult => ({
    ok: false,
    objects,
    steps,
    log: logs.join('\n'),
  });

  const head = await run('git', ['rev-parse', 'HEAD']);
  const list = await run('git', ['log', '--reverse', '--format=%H %s', `${BASE_REF}..HEAD`]);
  const changed = await run('git', ['diff', '--name-only', BASE_REF, 'HEAD']);
  if (commandFailed(head) || commandFailed(list) || commandFailed(changed)) return fail([]);
  const commits = list.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ id: line.slice(0, 40), subject: line.slice(41) }));
  const objects = changed.stdout
    .split('\n')
    .filter((f) => /^[\w/-]+\.c$/.test(f) && !f.startsWith('tools/'))
    .map((f) => f.replace(/\.c$/, '.o'))
    .sort();

  const buildDir = `${opts.tree}.bisect`;
  mkdirSync(buildDir, { recursive: true });
  const make = (args: string[]) =>
    run(path.join(opts.scriptsDir, 'make-kernel.sh'), [amWorktree, `O=${buildDir}`, ...args]);
  const steps: BisectStep[] = [];
  try {
    for (const [i, commit] of commits.slice(0, -1).entries()) {
      const t0 = performance.now();
      const step = { patch: i + 1, subject: commit.subject };
      const undefinedSymbols = await symbolsUndefinedAt(commit.id, run);
      const ok =
        undefinedSymbols.length === 0 &&
        !commandFailed(await run('git', ['checkout', '-q', '-f', '--detach', commit.id])) &&
        (await configure(buildDir, opts.baseConfig, make)) &&
        !commandFailed(await make(objects));
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      steps.push({ ...step, ok, seconds, undefinedSymbols });
      if (!ok) return fail(steps, objects);
    }
  } finally {
    // Leave the am worktree where apply left it.
    await run('git', ['checkout', '-q', '-f', '--detach', head.stdout.trim()]);
  }
  return { ok: true, objects, steps, log: logs.join('\n') };
}

type Run = (cmd: string, args: string[]) => ReturnType<typeof runCommand>;

/** undefinedConfigSymbols() for the series up to `commit`, against that commit's Kconfig files. */
async function symbolsUndefinedAt(commit: string, run: Run): Promise<string[]> {
  const diff = await run('git', ['diff', BASE_REF, commit]);
  const used = undefinedConfigSymbols(diff.stdout, new Set());
  if (used.length === 0) return [];
  const pattern = `^[[:space:]]*(menu)?config (${used.join('|')})[[:space:]]*$`;
  const grep = await run('git', ['grep', '-h', '-E', pattern, commit, '--', '*Kconfig*']);
  return undefinedConfigSymbols(diff.stdout, kconfigSymbols(grep.stdout));
}

/**
 * The base configuration with what the series adds. A prefix without the
 * Kconfig patch drops CONFIG_SECCOMP_FLAGS again in olddefconfig, which is
 * right: that prefix must build without it.
 */
async function configure(
  buildDir: string,
  baseConfig: string,
  make: (args: string[]) => ReturnType<typeof runCommand>,
): Promise<boolean> {
  const config = path.join(buildDir, '.config');
  if (!existsSync(baseConfig)) return false;
  copyFileSync(baseConfig, config);
  const lines = SERIES_SYMBOLS.map((s) => `CONFIG_${s}=y`).join('\n');
  appendFileSync(config, `${lines}\n`);
  return !commandFailed(await make(['-s', 'olddefconfig']));
}
