// `npm run start -w @dust/web`: `next start` on WEB_PORT (from the config module), unless
// the caller passes its own -p/--port (the root launcher does). Other arguments pass through.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { webConfig } from '../src/config';

const args = process.argv.slice(2);
const hasPort = args.some((a) => a === '-p' || a === '--port' || a.startsWith('--port='));
const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
const child = spawn(
  process.execPath,
  [next, 'start', ...(hasPort ? [] : ['-p', String(webConfig.webPort)]), ...args],
  { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
