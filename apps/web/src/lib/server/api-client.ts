import 'server-only';
import type { Problem } from '@dust/contract';
import { cookies } from 'next/headers';
import { webConfig } from '../../config';
import { ApiError } from '../shared/problem';

// The one server-side client of the review API. Server components call it; it forwards
// the visitor's cookies so the API answers as the signed-in user (or anonymously).

async function cookieHeader(): Promise<string> {
  const jar = await cookies();
  return jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
}

async function request(path: string, accept = 'application/json'): Promise<Response> {
  const url = `${webConfig.apiUrl}${path}`;
  // Outside the try: reading cookies is also how Next learns the page is dynamic.
  const cookie = await cookieHeader();
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept, cookie },
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError({
      type: 'about:blank',
      title: 'API unreachable',
      status: 502,
      detail: `Could not reach the API at ${webConfig.apiUrl}: ${(error as Error).message}`,
    });
  }
  if (!response.ok) throw new ApiError(await problemFrom(response));
  return response;
}

async function problemFrom(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    return {
      ...body,
      type: body.type ?? 'about:blank',
      title: body.title ?? response.statusText,
      status: response.status,
      // The API always says what went wrong; something in between may not.
      detail: body.detail ?? '',
    };
  } catch {
    return {
      type: 'about:blank',
      title: response.statusText,
      status: response.status,
      detail: text,
    };
  }
}

export async function apiGet<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

/** Like apiGet, but a 404 becomes null (for pages that render notFound()). */
export async function apiGetOrNull<T>(path: string): Promise<T | null> {
  try {
    return await apiGet<T>(path);
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return null;
    throw error;
  }
}

export async function apiGetText(path: string): Promise<string> {
  return (await request(path, 'text/plain, */*')).text();
}

/** A list endpoint with cursor pagination: the items and the `Link: <…>; rel="next"` target. */
export async function apiGetPage<T>(path: string): Promise<{ items: T; next: string | null }> {
  const response = await request(path);
  return { items: (await response.json()) as T, next: nextLink(response.headers.get('link')) };
}

export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}
