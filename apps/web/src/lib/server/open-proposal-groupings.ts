import 'server-only';
import type { Grouping } from '@dust/model';
import { getProposal, listProposals } from './queries';

export interface OpenGrouping {
  proposalId: number;
  title: string;
  revision: number;
  grouping: Grouping;
}

/** The latest revision of each open proposal (the newest `limit`), for cross-references. */
export async function openProposalGroupings(limit = 30): Promise<OpenGrouping[]> {
  const { items } = await listProposals(
    new URLSearchParams({ status: 'open', limit: String(limit) }),
  );
  const proposals = await Promise.all(items.map((p) => getProposal(p.id)));
  return proposals.flatMap((p) => {
    const latest = p?.revisions.find((r) => r.number === p.latestRevision);
    return p && latest
      ? [{ proposalId: p.id, title: p.title, revision: latest.number, grouping: latest.grouping }]
      : [];
  });
}
