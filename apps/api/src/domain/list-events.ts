import type { PrismaClient } from '../db/types';
import { toPage } from '../lib/paginate';

export interface EventFilter {
  type?: string | undefined;
  proposal?: number | undefined;
  revision?: number | undefined;
  /** Release number. */
  release?: number | undefined;
  actor?: string | undefined;
  cursor?: number | undefined;
  limit: number;
}

/** The audit log, oldest first: poll with ?cursor=<last id> for what happened since. */
export async function listEvents(prisma: PrismaClient, f: EventFilter) {
  const releaseId =
    f.release === undefined
      ? undefined
      : ((await prisma.release.findUnique({ where: { number: f.release } }))?.id ?? -1);
  const rows = await prisma.event.findMany({
    where: {
      // "review" matches review.created and review.resolved; "review.created" only itself.
      ...(f.type
        ? f.type.includes('.')
          ? { type: f.type }
          : { type: { startsWith: `${f.type}.` } }
        : {}),
      ...(f.proposal !== undefined ? { proposalId: f.proposal } : {}),
      ...(f.revision !== undefined ? { revisionId: f.revision } : {}),
      ...(releaseId !== undefined ? { releaseId } : {}),
      ...(f.actor !== undefined ? { actor: { name: f.actor } } : {}),
      ...(f.cursor ? { id: { gt: f.cursor } } : {}),
    },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: { id: 'asc' },
    take: f.limit + 1,
  });
  return toPage(rows, f.limit);
}
