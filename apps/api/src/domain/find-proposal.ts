// Loading proposals and revisions, or 404.
import type { Db } from '../db/types';
import { notFound } from '../lib/problem';
import { POSTING_SELECT } from './mail/present-mail';

export const revisionInclude = {
  author: { select: { id: true, name: true } },
  rfcPosting: { select: POSTING_SELECT },
} as const;

export const proposalInclude = {
  author: { select: { id: true, name: true } },
  revisions: { orderBy: { number: 'asc' }, include: revisionInclude },
  /** The running final comment period (at most one). */
  fcps: {
    where: { status: 'running' },
    take: 1,
    include: {
      startedBy: { select: { id: true, name: true } },
      revision: { select: { number: true } },
    },
  },
} as const;

export async function findProposal(db: Db, id: number) {
  const proposal = await db.proposal.findUnique({ where: { id }, include: proposalInclude });
  if (!proposal) throw notFound(`Proposal ${id}`);
  return proposal;
}

export async function findRevision(db: Db, proposalId: number, number: number) {
  const revision = await db.revision.findUnique({
    where: { proposalId_number: { proposalId, number } },
    include: revisionInclude,
  });
  if (!revision) throw notFound(`Revision ${number} of proposal ${proposalId}`);
  return revision;
}

export type LoadedProposal = Awaited<ReturnType<typeof findProposal>>;
export type LoadedRevision = Awaited<ReturnType<typeof findRevision>>;

/** Serialises writers of one proposal (revision numbers, status changes) on PostgreSQL. */
export async function lockProposal(tx: Db, id: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ${id} FOR UPDATE`;
}
