import 'server-only';
import type { ProposalSummary, ReviewCounts } from './api-types';
import { getRevision, listReviews } from './queries';

export interface ProposalRowFacts {
  counts: ReviewCounts;
  openConcerns: number;
  valid: boolean | null;
}

/** What a list row shows beyond the summary: reviews of the latest revision and its validity. */
export async function proposalRowFacts(p: ProposalSummary): Promise<ProposalRowFacts> {
  const [reviews, revision] = await Promise.all([
    listReviews(p.id, p.latestRevision),
    getRevision(p.id, p.latestRevision),
  ]);
  const counts: ReviewCounts = { ack: 0, nak: 0, concern: 0 };
  for (const r of reviews) if (!r.outdated) counts[r.verdict]++;
  return {
    counts,
    openConcerns: reviews.filter((r) => r.verdict === 'concern' && !r.resolved).length,
    valid: revision?.valid ?? null,
  };
}
