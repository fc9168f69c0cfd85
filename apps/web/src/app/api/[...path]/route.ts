import { forwardToApi } from '../../../lib/server/forward-to-api';

// Same-origin gateway: the browser talks to /api/* on the web origin and this handler
// forwards the request (cookies, CSRF header, body) to API_URL and the answer back
// (Set-Cookie included). Cookie sessions and CSRF protection therefore work exactly as
// the API defines them, and the API address stays a run-time setting.
export const dynamic = 'force-dynamic';

export const GET = forwardToApi;
export const HEAD = forwardToApi;
export const POST = forwardToApi;
export const PUT = forwardToApi;
export const PATCH = forwardToApi;
export const DELETE = forwardToApi;
