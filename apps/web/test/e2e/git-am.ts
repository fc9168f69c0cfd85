import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LINUX_TARBALL = '/usr/src/linux-source-6.1.tar.xz';
const TOP = 'linux-source-6.1';

/** Files the series modifies (not the ones it creates): what the base tree must contain. */
export function touchedExistingFiles(mbox: string): string[] {
  const files = new Set<string>();
  const blocks = mbox.split(/^diff --git /m).slice(1);
  for (const block of blocks) {
    const path = /^a\/(\S+) b\//.exec(block)?.[1];
    if (path && !/^new file mode /m.test(block.split(/^@@/m)[0] ?? '')) files.add(path);
  }
  return [...files].sort();
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dust e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.org',
      GIT_COMMITTER_NAME: 'Dust e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.org',
    },
  });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/**
 * Applies an mbox with `git am` to a git repository made of the Linux 6.1 files it
 * touches (taken from Debian's linux-source tarball). Null when the tarball is absent.
 */
export function gitAmOnLinuxFiles(
  mbox: string,
): { ok: boolean; log: string; commits: number } | null {
  if (!existsSync(LINUX_TARBALL)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'dust-web-gitam-'));
  try {
    const files = touchedExistingFiles(mbox);
    const extract = run(
      'tar',
      ['-xJf', LINUX_TARBALL, '--strip-components=1', ...files.map((f) => `${TOP}/${f}`)],
      dir,
    );
    if (!extract.ok) return { ok: false, log: `tar: ${extract.out}`, commits: 0 };
    run('git', ['init', '-q'], dir);
    run('git', ['add', '-A'], dir);
    const base = run('git', ['commit', '-q', '-m', 'Linux 6.1 (files the series touches)'], dir);
    if (!base.ok) return { ok: false, log: base.out, commits: 0 };
    writeFileSync(join(dir, 'series.mbox'), mbox);
    const am = run('git', ['am', 'series.mbox'], dir);
    const count = run('git', ['rev-list', '--count', 'HEAD'], dir);
    return { ok: am.ok, log: am.out, commits: Number(count.out.trim()) - 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
