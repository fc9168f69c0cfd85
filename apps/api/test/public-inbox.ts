// A real public-inbox (Debian's, lore's software) for the tests: an inbox in a
// temporary directory, public-inbox-mda to deliver as the list would, and
// public-inbox-httpd serving it on a free local port. Null when not installed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './mail-fixtures';

export interface PublicInbox {
  /** The inbox URL, ending in "/" (what DUST_LORE_URL is set to). */
  url: string;
  deliver(raw: string): void;
  stop(): Promise<void>;
}

const TOOLS = [
  '/usr/bin/public-inbox-init',
  '/usr/bin/public-inbox-mda',
  '/usr/bin/public-inbox-httpd',
];

export async function startPublicInbox(listAddress: string): Promise<PublicInbox | null> {
  if (!TOOLS.every((t) => existsSync(t))) return null;
  const home = mkdtempSync(join(tmpdir(), 'dust-public-inbox-'));
  const env = { ...process.env, HOME: home, PI_CONFIG: join(home, 'config') };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/dust/`;
  const run = (cmd: string, args: string[], input?: string) => {
    const r = spawnSync(cmd, args, {
      env: { ...env, ORIGINAL_RECIPIENT: listAddress },
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  };
  run('public-inbox-init', [
    '-V2',
    'dust',
    join(home, 'inbox'),
    url.replace(/\/$/, ''),
    listAddress,
  ]);
  run('git', ['config', '-f', env.PI_CONFIG, 'publicinboxmda.spamcheck', 'none']);
  const httpd: ChildProcess = spawn('public-inbox-httpd', ['-l', `http://127.0.0.1:${port}`], {
    env,
    stdio: 'ignore',
  });
  // Ready when it answers.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      httpd.kill();
      throw new Error('public-inbox-httpd did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    deliver: (raw) => run('public-inbox-mda', [], raw),
    async stop() {
      const exited = new Promise((r) => httpd.once('exit', r));
      httpd.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
