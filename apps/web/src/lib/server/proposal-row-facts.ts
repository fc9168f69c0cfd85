import 'server-only';
import type { ProposalSummary, Verdict } from '@dust/contract';
import { getRevision, listAllReviews } from './queries';

/** Reviews of the latest revision, per verdict. */
export type ReviewCounts = Record<Verdict, number>;

export interface ProposalRowFacts {
  counts: ReviewCounts;
  openConcerns: number;
  valid: boolean | null;
}

/** What a list row shows beyond the summary: reviews of the latest revision and its validity. */
export async function proposalRowFacts(p: ProposalSummary): Promise<ProposalRowFacts> {
  const [reviews, revision] = await Promise.all([
    listAllReviews(p.id),
    getRevision(p.id, p.latestRevision),
  ]);
  const counts: ReviewCounts = { ack: 0, nak: 0, concern: 0 };
  for (const r of reviews) if (r.revision === p.latestRevision && !r.outdated) counts[r.verdict]++;
  return {
    counts,
    // a concern on any revision blocks approval until it is resolved
    openConcerns: reviews.filter((r) => r.verdict === 'concern' && !r.resolved).length,
    valid: revision?.valid ?? null,
  };
}
