// Liveness of the web server itself, for container healthchecks and load
// balancers: it answers without calling the API, so an API outage does not get
// the web instances restarted too (the API has its own /api/health).
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
