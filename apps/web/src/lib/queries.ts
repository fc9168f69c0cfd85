import 'server-only';
import type { ValidationReport } from '@dust/model';
import { apiGet, apiGetOrNull, apiGetPage, apiGetText } from './api-client';
import type {
  ApiEvent,
  ApiToken,
  Baseline,
  Comment,
  NameSuggestion,
  Proposal,
  Release,
  ReleaseSummary,
  Review,
  Revision,
} from './api-types';

// Every read the pages make, named after what they get. Paths follow the API contract
// (issue 4, /openapi.json); ids are URL-encoded because they come from URLs.

const e = encodeURIComponent;

export const getBaseline = () => apiGet<Baseline>('/api/baseline');

export const listReleases = () => apiGet<ReleaseSummary[]>('/api/releases');
export const getRelease = (k: string) => apiGetOrNull<Release>(`/api/releases/${e(k)}`);

export const listEvents = (query = 'limit=15') => apiGet<ApiEvent[]>(`/api/events?${query}`);

export function listProposals(query: URLSearchParams) {
  return apiGetPage<Proposal[]>(`/api/proposals?${query.toString()}`);
}

export const getProposal = (id: string) => apiGetOrNull<Proposal>(`/api/proposals/${e(id)}`);
export const getRevision = (id: string, n: number) =>
  apiGetOrNull<Revision>(`/api/proposals/${e(id)}/revisions/${n}`);
export const getRevisionValidation = (id: string, n: number) =>
  apiGet<ValidationReport>(`/api/proposals/${e(id)}/revisions/${n}/validation`);

export async function listComments(id: string): Promise<Comment[]> {
  const all: Comment[] = [];
  let next: string | null = `/api/proposals/${e(id)}/comments?limit=100`;
  // Follow the Link headers: the debate is shown whole, in order.
  for (let page = 0; next && page < 50; page++) {
    const result: { items: Comment[]; next: string | null } = await apiGetPage<Comment[]>(next);
    all.push(...result.items);
    next = result.next ? pathOf(result.next) : null;
  }
  return all;
}

export const listReviews = (id: string, n: number) =>
  apiGet<Review[]>(`/api/proposals/${e(id)}/revisions/${n}/reviews`);
export const listNameSuggestions = (id: string) =>
  apiGet<NameSuggestion[]>(`/api/proposals/${e(id)}/name-suggestions`);

export const getPreviewCover = (id: string, n: number) =>
  apiGetText(`/api/proposals/${e(id)}/revisions/${n}/preview/series.mbox`);
export const getReleaseMbox = (k: number) => apiGetText(`/api/releases/${k}/series.mbox`);

export const listTokens = () => apiGet<ApiToken[]>('/api/tokens');

/** Link headers may carry absolute API URLs; the client wants the path. */
export function pathOf(link: string): string {
  try {
    const url = new URL(link, 'http://api.invalid');
    return url.pathname + url.search;
  } catch {
    return link;
  }
}
