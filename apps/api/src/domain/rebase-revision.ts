// Three-way rebase (old baseline → revision, applied onto the current baseline)
// into a new revision; 409 with the conflicts when it does not merge.
import { rebaseGrouping } from '@dust/model';
import type { PrismaClient } from '../db/types';
import { asGrouping } from '../lib/present';
import { conflict, forbidden } from '../lib/problem';
import type { AuthUser } from '../plugins/app/auth';
import { hasRole } from '../plugins/app/auth';
import { appendRevision } from './create-revision';
import { findProposal, findRevision, lockProposal } from './find-proposal';
import { getBaseline } from './get-baseline';
import { assertOpen } from './proposal-guards';

export async function rebaseRevision(
  prisma: PrismaClient,
  actor: AuthUser,
  proposalId: number,
  number: number,
) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, proposalId);
    const proposal = await findProposal(tx, proposalId);
    // The author, or a maintainer preparing an approval.
    if (proposal.authorId !== actor.id && !hasRole(actor, 'maintainer')) {
      throw forbidden(`Only the author (${proposal.author.name}) or a maintainer can rebase.`);
    }
    assertOpen(proposal);
    const revision = await findRevision(tx, proposalId, number);
    const baseline = await getBaseline(tx);
    if (revision.baseRelease === baseline.release.number) {
      throw conflict(
        'already-on-baseline',
        `Revision ${number} is already based on release ${revision.baseRelease}.`,
      );
    }
    const oldBase = await tx.release.findUniqueOrThrow({ where: { number: revision.baseRelease } });
    const result = rebaseGrouping(
      asGrouping(oldBase.grouping),
      asGrouping(revision.grouping),
      baseline.grouping,
    );
    if (!result.ok) {
      throw conflict(
        'rebase-conflict',
        `Revision ${number} does not rebase from release ${revision.baseRelease} onto release ${baseline.release.number}: ${result.conflicts.length} conflict(s).`,
        { conflicts: result.conflicts },
      );
    }
    const rebased = await appendRevision(tx, proposal, {
      grouping: result.grouping,
      changelog: `Rebased revision ${number} from release ${revision.baseRelease} onto release ${baseline.release.number}.`,
      // Authorship stays with whoever wrote the grouping; the rebaser is the actor.
      authorId: revision.authorId,
      actorId: actor.id,
      origin: 'rebased',
    });
    return findRevision(tx, proposalId, rebased.number);
  });
}
