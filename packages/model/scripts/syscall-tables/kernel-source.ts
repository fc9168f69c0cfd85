import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceFiles } from './arch-sources';

/** Debian's linux-source-6.1 package installs this tarball. */
export const DEFAULT_TARBALL = '/usr/src/linux-source-6.1.tar.xz';

export type KernelSource = { tree: string } | { tarball: string };

/**
 * The one place the importer reads the environment: `DUST_LINUX_SRC` names an
 * extracted Linux 6.1 tree; otherwise Debian's tarball, when installed.
 */
export function defaultKernelSource(): KernelSource | undefined {
  const tree = process.env.DUST_LINUX_SRC;
  if (tree) return { tree };
  return existsSync(DEFAULT_TARBALL) ? { tarball: DEFAULT_TARBALL } : undefined;
}

/**
 * Reads the files the importer needs. From a tarball only those files are
 * extracted (about 10 s for the xz stream) into a temp dir removed afterwards.
 */
export function readKernelFiles(source: KernelSource): Map<string, string> {
  if ('tree' in source) return readFromTree(source.tree);
  const dir = mkdtempSync(join(tmpdir(), 'dust-syscall-tables-'));
  try {
    const deep = sourceFiles().filter((file) => file.includes('/'));
    execFileSync(
      'tar',
      [
        '-xJf',
        source.tarball,
        '-C',
        dir,
        '--wildcards',
        ...deep.map((file) => `*/${file}`),
        '--no-wildcards-match-slash',
        '*/Makefile',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const [top] = readdirSync(dir);
    if (top === undefined) throw new Error(`nothing extracted from ${source.tarball}`);
    return readFromTree(join(dir, top));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readFromTree(tree: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of sourceFiles()) {
    const path = join(tree, file);
    if (!existsSync(path))
      throw new Error(`${path} not found: is ${tree} a Linux 6.1 source tree?`);
    files.set(file, readFileSync(path, 'utf8'));
  }
  return files;
}
