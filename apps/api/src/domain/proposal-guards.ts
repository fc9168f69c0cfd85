// Preconditions shared by the operations that change a proposal.
import { conflict, forbidden } from '../lib/problem';
import type { AuthUser } from '../plugins/app/auth';
import type { LoadedProposal } from './find-proposal';

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
