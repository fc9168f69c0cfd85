import type { Problem } from '@dust/contract';
import { CSRF_COOKIE, CSRF_HEADER } from '@dust/contract/http';
import { ApiError } from '../shared/problem';

// The browser's way to the API: same-origin requests to /api/*, which the web app's
// route handler forwards to the API with the session cookie. Writes carry the CSRF token
// the API issued (see README, "How the browser talks to the API").

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export async function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as Partial<Problem>;
    throw new ApiError({
      ...problem,
      type: problem.type ?? 'about:blank',
      title: problem.title ?? response.statusText,
      status: response.status,
      detail: problem.detail ?? (parsed === null ? text.slice(0, 500) : ''),
    });
  }
  return parsed as T;
}

/** A short human explanation of any error thrown by apiSend. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const p = error.problem;
    return `${p.title}${p.detail ? `: ${p.detail}` : ''} (${p.status})`;
  }
  return error instanceof Error ? error.message : String(error);
}
