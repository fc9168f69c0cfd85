import type { Grouping } from '@dust/model';
import type { PrismaClient, Tx } from '../db/types';
import { conflict, forbidden } from '../lib/problem';
import type { AuthUser } from '../plugins/app/auth';
import { findProposal, findRevision, type LoadedProposal, lockProposal } from './find-proposal';
import { writeRevision } from './write-revision';

/** Only the author revises, and only while the proposal is open. */
export function assertAuthorOfOpenProposal(proposal: LoadedProposal, actor: AuthUser): void {
  if (proposal.authorId !== actor.id) {
    throw forbidden(`Only the proposal's author (${proposal.author.name}) can do this.`);
  }
  assertOpen(proposal);
}

export function assertOpen(proposal: Pick<LoadedProposal, 'id' | 'status'>): void {
  if (proposal.status !== 'open') {
    throw conflict('proposal-not-open', `Proposal ${proposal.id} is ${proposal.status}.`);
  }
}

/** Appends a revision after the latest one, inside the caller's transaction. */
export async function appendRevision(
  tx: Tx,
  proposal: LoadedProposal,
  input: { grouping: Grouping; changelog: string; authorId: number; origin: string },
) {
  const latest = proposal.revisions.at(-1) ?? null;
  return writeRevision(tx, {
    proposalId: proposal.id,
    previous: latest ? { number: latest.number, grouping: latest.grouping } : null,
    ...input,
  });
}

export async function createRevision(
  prisma: PrismaClient,
  actor: AuthUser,
  proposalId: number,
  input: { grouping: Grouping; changelog: string },
) {
  return prisma.$transaction(async (tx) => {
    await lockProposal(tx, proposalId);
    const proposal = await findProposal(tx, proposalId);
    assertAuthorOfOpenProposal(proposal, actor);
    const revision = await appendRevision(tx, proposal, {
      ...input,
      authorId: actor.id,
      origin: 'created',
    });
    return findRevision(tx, proposalId, revision.number);
  });
}
