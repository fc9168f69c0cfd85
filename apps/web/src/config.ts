// The one place the web app reads its environment (server side only; nothing here is
// exposed to the browser). The API URL is read at run time, so one `next build` serves
// any API address.

function portFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number (0..65535), got ${JSON.stringify(value)}`);
  }
  return port;
}

function urlFrom(value: string | undefined, fallback: string, name: string): string {
  const raw = value === undefined || value === '' ? fallback : value;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new Error(`${name} must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
}

function hopsFrom(value: string | undefined, name: string): number {
  if (value === undefined || value === '' || value === 'off') return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(
      `${name} must be off or a number of proxy hops (0..10), got ${JSON.stringify(value)}`,
    );
  }
  return hops;
}

/** Every variable this module reads: a deployment's web service sets each (docker-compose.yml). */
export const WEB_ENV_KEYS = ['WEB_PORT', 'API_URL', 'API_PORT', 'WEB_TRUST_PROXY'] as const;

export function loadWebConfig(env: NodeJS.ProcessEnv) {
  const apiPort = portFrom(env.API_PORT, 3001, 'API_PORT');
  return Object.freeze({
    /** Port `next start` listens on (the root `npm start` passes it as `-p`). */
    webPort: portFrom(env.WEB_PORT, 3000, 'WEB_PORT'),
    /** Where the review API listens; every server-side fetch and the /api proxy go there. */
    apiUrl: urlFrom(env.API_URL, `http://127.0.0.1:${apiPort}`, 'API_URL'),
    /** Proxies in front of the web server whose X-Forwarded-For entries are believed (0: none). */
    trustProxyHops: hopsFrom(env.WEB_TRUST_PROXY, 'WEB_TRUST_PROXY'),
  });
}

export const webConfig = loadWebConfig(process.env);
