import 'server-only';
import type { Grouping } from '@dust/model';
import { getRevision, listProposals } from './queries';

export interface OpenGrouping {
  proposalId: string;
  title: string;
  revision: number;
  grouping: Grouping;
}

/** The latest revision of each open proposal (first page of them), for cross-references. */
export async function openProposalGroupings(limit = 30): Promise<OpenGrouping[]> {
  const { items } = await listProposals(
    new URLSearchParams({ status: 'open', limit: String(limit) }),
  );
  const latest = await Promise.all(
    items.map(async (p) => {
      const n = Math.max(0, ...p.revisions.map((r) => r.number));
      const revision = n > 0 ? await getRevision(String(p.id), n) : null;
      return revision
        ? { proposalId: String(p.id), title: p.title, revision: n, grouping: revision.grouping }
        : null;
    }),
  );
  return latest.filter((x) => x !== null);
}
