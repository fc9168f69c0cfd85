// git am and b4 am on what the list received, against the prepared Linux 6.1
// tree (~/.cache/dust/linux-6.1, tag dust-base): a shared, sparse clone of it
// in a temporary directory holding only the files the series touches, so the
// prepared tree is never modified. Null when the tree or b4 is missing.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const LINUX_TREE = join(homedir(), '.cache/dust/linux-6.1');

function run(cmd: string, args: string[], cwd: string, home = cwd) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      ...process.env,
      HOME: home,
      GIT_COMMITTER_NAME: 'Dust test',
      GIT_COMMITTER_EMAIL: 'test@example.org',
    },
  });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function linuxTreeAvailable(): boolean {
  return existsSync(join(LINUX_TREE, '.git'));
}

export interface Applied {
  ok: boolean;
  log: string;
  /** `git log --format=%an <%ae>%n%B` of the applied commits, newest first. */
  commits: string;
  count: number;
}

/** `git am` of an mbox onto dust-base in a throwaway sparse clone. */
export function gitAmOnLinux(mbox: string): Applied {
  const dir = mkdtempSync(join(tmpdir(), 'dust-mail-am-'));
  try {
    const files = [
      ...new Set([...mbox.matchAll(/^diff --git a\/(\S+) b\//gm)].map((m) => m[1] as string)),
    ];
    const tree = join(dir, 'tree');
    const clone = run('git', ['clone', '-q', '--shared', '--no-checkout', LINUX_TREE, tree], dir);
    if (!clone.ok) return { ok: false, log: clone.out, commits: '', count: 0 };
    run('git', ['sparse-checkout', 'set', '--no-cone', ...files], tree);
    const checkout = run('git', ['checkout', '-q', '--detach', 'dust-base'], tree);
    if (!checkout.ok) return { ok: false, log: checkout.out, commits: '', count: 0 };
    writeFileSync(join(dir, 'series.mbox'), mbox);
    const am = run('git', ['am', '../series.mbox'], tree);
    const log = run('git', ['log', '--format=%an <%ae>%n%B', 'dust-base..HEAD'], tree);
    const count = run('git', ['rev-list', '--count', 'dust-base..HEAD'], tree);
    return { ok: am.ok, log: am.out, commits: log.out, count: Number(count.out.trim()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `b4 am` on a local mbox (no network): the .mbx it writes, or its complaint. */
export function b4Am(mbox: string): { ok: boolean; log: string; mbx: string } | null {
  if (!existsSync('/usr/bin/b4')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'dust-mail-b4-'));
  try {
    writeFileSync(join(dir, 'thread.mbox'), mbox);
    mkdirSync(join(dir, 'out'));
    // b4 runs git mailinfo, which needs the user's git setup: keep HOME.
    const r = run('b4', ['--offline-mode', 'am', '-m', 'thread.mbox', '-o', 'out'], dir, homedir());
    const mbxFile = existsSync(join(dir, 'out'))
      ? readdirSync(join(dir, 'out')).find((f) => f.endsWith('.mbx'))
      : undefined;
    return {
      ok: r.ok && mbxFile !== undefined,
      log: r.out,
      mbx: mbxFile ? readFileSync(join(dir, 'out', mbxFile), 'utf8') : '',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
