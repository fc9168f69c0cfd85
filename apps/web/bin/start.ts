// `npm run start -w @dust/web`: the built app behind a small HTTP server of its
// own, so that every request's X-Forwarded-For is written from the socket the
// request came in on (src/lib/server/forwarded-for.ts) before Next sees it: the API
// rate-limits by that address, and a bare `next start` would pass on whatever
// the client sent. Listens on WEB_PORT (config module) unless -p/--port is
// given, on -H/--hostname (default 127.0.0.1).
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import next from 'next';
import { webConfig } from '../src/config';
import { forwardedFor, markForwardedForFromSocket } from '../src/lib/server/forwarded-for';

function option(names: string[]): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    for (const name of names) {
      if (arg === name) return args[i + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}

const port = Number(option(['-p', '--port']) ?? webConfig.webPort);
const hostname = option(['-H', '--hostname']) ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`not a port: ${port}`);
  process.exit(2);
}

const app = next({ dev: false, dir: resolve(import.meta.dirname, '..'), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
markForwardedForFromSocket();
const server = createServer((request, response) => {
  const chain = forwardedFor(
    request.headers['x-forwarded-for'],
    request.socket.remoteAddress,
    webConfig.trustProxyHops,
  );
  if (chain) request.headers['x-forwarded-for'] = chain;
  else delete request.headers['x-forwarded-for'];
  void handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`dust web on http://${hostname}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
