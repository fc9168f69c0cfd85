// The people a proposal concerns: its author and everyone who commented on it
// or reviewed it (docs/design.md, "Mail"). One query each, ids only.
import type { Db } from '../../db/types';

export async function involvedUserIds(db: Db, proposalId: number): Promise<Set<number>> {
  const [proposal, commenters, reviewers] = await Promise.all([
    db.proposal.findUnique({ where: { id: proposalId }, select: { authorId: true } }),
    db.comment.findMany({
      where: { proposalId },
      select: { authorId: true },
      distinct: ['authorId'],
    }),
    db.review.findMany({
      where: { revision: { proposalId } },
      select: { authorId: true },
      distinct: ['authorId'],
    }),
  ]);
  const ids = new Set<number>();
  if (proposal) ids.add(proposal.authorId);
  for (const row of [...commenters, ...reviewers]) ids.add(row.authorId);
  return ids;
}

/** Proposals a user is involved in, and those they wrote. */
export async function proposalsOf(
  db: Db,
  userId: number,
): Promise<{ involved: number[]; authored: number[] }> {
  const [authored, commented, reviewed] = await Promise.all([
    db.proposal.findMany({ where: { authorId: userId }, select: { id: true } }),
    db.comment.findMany({
      where: { authorId: userId },
      select: { proposalId: true },
      distinct: ['proposalId'],
    }),
    db.revision.findMany({
      where: { reviews: { some: { authorId: userId } } },
      select: { proposalId: true },
      distinct: ['proposalId'],
    }),
  ]);
  const involved = new Set<number>(authored.map((p) => p.id));
  for (const row of [...commented, ...reviewed]) involved.add(row.proposalId);
  return { involved: [...involved], authored: authored.map((p) => p.id) };
}
