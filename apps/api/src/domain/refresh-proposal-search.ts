// The proposal's full-text search document is recomputed in the transaction of
// every write that changes what it covers (title, rationale, a revision's flag
// names and descriptions, comments), by the SQL function the search migration
// defines, so the text it indexes is decided in one place.
import type { Db } from '../db/types';

export async function refreshProposalSearch(db: Db, proposalId: number): Promise<void> {
  await db.$executeRaw`UPDATE "Proposal" SET "search" = dust_proposal_search(id) WHERE id = ${proposalId}`;
}
