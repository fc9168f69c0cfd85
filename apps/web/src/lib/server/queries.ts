import 'server-only';
import type {
  ApiEvent,
  ApiToken,
  Baseline,
  Comment,
  MailInfo,
  MailSettings,
  NameSuggestion,
  Notification,
  Proposal,
  ProposalSummary,
  Release,
  ReleaseSummary,
  Review,
  Revision,
  SeriesLinks,
} from '@dust/contract';
import { apiGet, apiGetOrNull, apiGetPage } from './api-client';

// Every read the pages make, named after what they get. Paths follow the API contract
// (@dust/contract, /openapi.json); ids are URL-encoded because they come from URLs.

const e = encodeURIComponent;

/** Lists come as `{items, …}` pages (or, for small ones, plain arrays). */
export function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** Follows `Link: rel="next"` pages up to `max` items. */
async function listAll<T>(path: string, max = 5000): Promise<T[]> {
  const all: T[] = [];
  let next: string | null = path;
  while (next && all.length < max) {
    const page: { items: unknown; next: string | null } = await apiGetPage<unknown>(next);
    all.push(...itemsOf<T>(page.items));
    next = page.next ? pathOf(page.next) : null;
  }
  return all;
}

export const getMailInfo = () => apiGet<MailInfo>('/api/mail');
export const getMailSettings = () => apiGet<MailSettings>('/api/me/settings');
export const listNotifications = () =>
  apiGet<{ items: Notification[]; unread: number; seenEventId: number }>(
    '/api/me/notifications?limit=30',
  );

export const getBaseline = () => apiGet<Baseline>('/api/baseline');

export const listReleases = () => listAll<ReleaseSummary>('/api/releases?limit=100', 1000);
export const getRelease = (k: string | number) => apiGetOrNull<Release>(`/api/releases/${e(k)}`);

/** The newest `count` events that pass `keep`, newest first (pages backwards through the log). */
export async function listRecentEvents(
  count: number,
  keep: (e: ApiEvent) => boolean,
): Promise<ApiEvent[]> {
  const kept: ApiEvent[] = [];
  let next: string | null = '/api/events?order=desc&limit=100';
  // Bounded: housekeeping events (tokens, sessions) are skipped, so look at most 20 pages back.
  for (let pages = 0; next && kept.length < count && pages < 20; pages++) {
    const page: { items: unknown; next: string | null } = await apiGetPage<unknown>(next);
    kept.push(...itemsOf<ApiEvent>(page.items).filter(keep));
    next = page.next ? pathOf(page.next) : null;
  }
  return kept.slice(0, count);
}

export async function listProposals(query: URLSearchParams) {
  const { items, next } = await apiGetPage<unknown>(`/api/proposals?${query.toString()}`);
  return { items: itemsOf<ProposalSummary>(items), next };
}

export const getProposal = (id: string | number) =>
  apiGetOrNull<Proposal>(`/api/proposals/${e(id)}`);
export const getRevision = (id: string | number, n: number) =>
  apiGetOrNull<Revision>(`/api/proposals/${e(id)}/revisions/${n}`);

/** The whole debate, in order. */
export const listComments = (id: string | number) =>
  listAll<Comment>(`/api/proposals/${e(id)}/comments?limit=100`);

export const listReviews = (id: string | number, n: number) =>
  listAll<Review>(`/api/proposals/${e(id)}/revisions/${n}/reviews`);
/** Every review of every revision (concerns on any revision block approval). */
export const listAllReviews = (id: string | number) =>
  listAll<Review>(`/api/proposals/${e(id)}/reviews`);
export const listNameSuggestions = (id: string | number) =>
  listAll<NameSuggestion>(`/api/proposals/${e(id)}/name-suggestions`);

export const getPreview = (id: string | number, n: number) =>
  apiGet<SeriesLinks>(`/api/proposals/${e(id)}/revisions/${n}/preview`);

export async function listTokens(): Promise<ApiToken[]> {
  return itemsOf<ApiToken>(await apiGet<unknown>('/api/tokens'));
}

/** Link headers may carry absolute API URLs; the client wants the path. */
export function pathOf(link: string): string {
  try {
    const url = new URL(link, 'http://api.invalid');
    return url.pathname + url.search;
  } catch {
    return link;
  }
}
