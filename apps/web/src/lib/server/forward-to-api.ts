import { CSRF_HEADER } from '@dust/contract/http';
import { webConfig } from '../../config';
import { forwardedForIsFromSocket } from './forwarded-for';

// Request headers the API needs to see; everything else (Host, Connection…) is the
// gateway's own business.
const REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'cookie',
  'if-match',
  'if-none-match',
  'origin',
  'referer',
  'sec-fetch-site',
  'user-agent',
  CSRF_HEADER,
];

// Response headers that describe the hop, not the payload: fetch() has already decoded
// the body, so its length and encoding no longer apply.
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'keep-alive',
  'transfer-encoding',
  'set-cookie',
]);

export async function forwardToApi(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  const target = new URL(incoming.pathname + incoming.search, `${webConfig.apiUrl}/`);
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('x-forwarded-host', request.headers.get('host') ?? incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  // The web server (bin/start.ts) wrote X-Forwarded-For from its socket (lib/forwarded-for.ts);
  // never pass on a chain the client could have written.
  const forwardedFor = forwardedForIsFromSocket() ? request.headers.get('x-forwarded-for') : null;
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch (error) {
    return Response.json(
      {
        type: 'about:blank',
        title: 'API unreachable',
        status: 502,
        detail: `The web app could not reach the API at ${webConfig.apiUrl}: ${(error as Error).message}`,
      },
      { status: 502, headers: { 'content-type': 'application/problem+json' } },
    );
  }

  const out = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) out.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);
  const body =
    request.method === 'HEAD' || upstream.status === 204 || upstream.status === 304
      ? null
      : upstream.body;
  return new Response(body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: out,
  });
}
