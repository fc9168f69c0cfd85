#!/usr/bin/env node
// `npm start`: the API and the web app together, on the embedded database by default.
// Builds the web app first when there is no build or the sources changed since it.
import { spawn, spawnSync } from 'node:child_process';
import { webBuildIsStale } from './web-build.mjs';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
env.API_PORT ??= '3001';
env.WEB_PORT ??= '3000';
env.API_URL ??= `http://127.0.0.1:${env.API_PORT}`;
// The services write to a pipe (prefixed below), so they cannot see the terminal themselves.
env.LOG_FORMAT ??= process.stdout.isTTY ? 'pretty' : 'json';

if (webBuildIsStale(root)) {
  console.log('[dust] building the web app (first start or sources changed)…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@dust/web'], {
    stdio: 'inherit',
    env,
    cwd: root,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const children = [
  ['api', ['run', 'start', '-w', '@dust/api']],
  ['web', ['run', 'start', '-w', '@dust/web', '--', '-p', env.WEB_PORT, '-H', '127.0.0.1']],
].map(([name, args]) => {
  // Each service runs in a process group of its own, so stopping it stops npm
  // and the server npm started (a signal to npm alone would orphan the server).
  const child = spawn('npm', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    cwd: root,
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line) console.log(`[${name}] ${line}`);
    });
  }
  child.on('exit', (code) => {
    console.log(`[dust] ${name} exited with ${code}; stopping`);
    shutdown(code ?? 1);
  });
  return child;
});

console.log(
  `[dust] API on http://127.0.0.1:${env.API_PORT}  web on http://127.0.0.1:${env.WEB_PORT}`,
);

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // the group is already gone
    }
  }
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(
    children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.on('exit', r)))),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
