import { HOUSEKEEPING_EVENT_PREFIXES } from '@dust/model';
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
  /** "asc" (default) to poll for what happened since a cursor; "desc" for the newest first. */
  order?: 'asc' | 'desc' | undefined;
  /** Leave out account housekeeping (tokens, sessions, users), as feeds do. */
  communityOnly?: boolean;
}

/**
 * The audit log. Oldest first by default: poll with ?cursor=<last id> for what
 * happened since. Newest first with order "desc": the cursor then pages backwards.
 */
export async function listEvents(prisma: PrismaClient, f: EventFilter) {
  const descending = f.order === 'desc';
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
      ...(f.cursor ? { id: descending ? { lt: f.cursor } : { gt: f.cursor } } : {}),
      ...(f.communityOnly
        ? { NOT: HOUSEKEEPING_EVENT_PREFIXES.map((prefix) => ({ type: { startsWith: prefix } })) }
        : {}),
    },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: { id: descending ? 'desc' : 'asc' },
    take: f.limit + 1,
  });
  return toPage(rows, f.limit);
}
