import type { PrismaClient } from '../db/types';
import { asGrouping } from '../lib/present';
import { conflict, notFound } from '../lib/problem';
import type { AuthUser } from '../plugins/app/auth';
import { appendEvent } from './append-event';
import { appendRevision } from './create-revision';
import { findProposal, findRevision, lockProposal } from './find-proposal';
import { assertAuthorOfOpenProposal } from './proposal-guards';

/** The proposal's author renames the flag (matched by bit) in a new revision. */
export async function adoptNameSuggestion(
  prisma: PrismaClient,
  actor: AuthUser,
  suggestionId: number,
) {
  return prisma.$transaction(async (tx) => {
    const suggestion = await tx.nameSuggestion.findUnique({ where: { id: suggestionId } });
    if (!suggestion) throw notFound(`Name suggestion ${suggestionId}`);
    await lockProposal(tx, suggestion.proposalId);
    const proposal = await findProposal(tx, suggestion.proposalId);
    assertAuthorOfOpenProposal(proposal, actor);
    if (suggestion.adoptedInRevision !== null) {
      throw conflict(
        'already-adopted',
        `Suggestion ${suggestionId} was adopted in revision ${suggestion.adoptedInRevision}.`,
      );
    }
    const latest = proposal.revisions.at(-1);
    const grouping = asGrouping(latest?.grouping);
    const flag = grouping.flags.find((f) => f.bit === suggestion.flagBit);
    if (!flag)
      throw conflict(
        'flag-gone',
        `The latest revision has no flag on bit ${suggestion.flagBit} any more.`,
      );
    if (grouping.flags.some((f) => f.name === suggestion.name)) {
      throw conflict(
        'name-taken',
        `The latest revision already has a flag named ${suggestion.name}.`,
      );
    }
    const renamed = {
      ...grouping,
      flags: grouping.flags.map((f) =>
        f.bit === suggestion.flagBit ? { ...f, name: suggestion.name } : f,
      ),
    };
    const revision = await appendRevision(tx, proposal, {
      grouping: renamed,
      changelog: `Renamed ${flag.name} to ${suggestion.name} (name suggestion ${suggestionId}).`,
      authorId: actor.id,
      origin: 'adopted-name',
    });
    await tx.nameSuggestion.update({
      where: { id: suggestionId },
      data: { adoptedInRevision: revision.number },
    });
    await appendEvent(tx, {
      type: 'name-suggestion.adopted',
      actorId: actor.id,
      proposalId: proposal.id,
      revisionId: revision.id,
      data: { suggestionId, from: flag.name, to: suggestion.name, revision: revision.number },
    });
    return findRevision(tx, proposal.id, revision.number);
  });
}
