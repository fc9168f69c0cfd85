import type { Prisma, PrismaClient } from '../db/types';
import type { ProposalStatus } from '../generated/prisma/client';
import { toPage } from '../lib/paginate';

export type StatusFilter = ProposalStatus | 'stale';

export interface ProposalFilter {
  status?: StatusFilter | StatusFilter[] | undefined;
  q?: string | undefined;
  author?: string | undefined;
  flag?: string | undefined;
  syscall?: string | undefined;
  cursor?: number | undefined;
  limit: number;
}

/** A search ranks at most this many matches; past them, refine the words. */
export const SEARCH_MATCHES_MAX = 1000;

const summarySelect = {
  id: true,
  title: true,
  status: true,
  stale: true,
  latestRevision: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
} as const;

/** Any of the statuses; "stale" is an open proposal whose baseline moved. */
function statusWhere(status: ProposalFilter['status']): Prisma.ProposalWhereInput {
  if (status === undefined) return {};
  const wanted = [status].flat();
  return {
    OR: wanted.map((s) => (s === 'stale' ? { status: 'open', stale: true } : { status: s })),
  };
}

/**
 * Newest first, or with `q` best match first (PostgreSQL full-text search on
 * the GIN-indexed search document, ranked by ts_rank). flag/syscall match any
 * revision of the proposal (jsonb containment).
 */
export async function listProposals(prisma: PrismaClient, f: ProposalFilter) {
  const groupingFilters: Prisma.RevisionWhereInput[] = [];
  if (f.flag)
    groupingFilters.push({ grouping: { path: ['flags'], array_contains: [{ name: f.flag }] } });
  if (f.syscall) {
    groupingFilters.push({
      grouping: { path: ['flags'], array_contains: [{ syscalls: [f.syscall] }] },
    });
  }
  const where: Prisma.ProposalWhereInput = {
    ...statusWhere(f.status),
    ...(f.author ? { author: { name: f.author } } : {}),
    ...(groupingFilters.length
      ? { AND: groupingFilters.map((g) => ({ revisions: { some: g } })) }
      : {}),
  };
  if (f.q !== undefined) return searchProposals(prisma, f.q, where, f);
  const rows = await prisma.proposal.findMany({
    where: { ...where, ...(f.cursor ? { id: { lt: f.cursor } } : {}) },
    // The list shows summaries: no rationale (free text of any length).
    select: summarySelect,
    orderBy: { id: 'desc' },
    take: f.limit + 1,
  });
  return toPage(rows, f.limit);
}

/**
 * Ranked: the cursor is the id of the last proposal of the previous page, and
 * the next page continues after it in rank order (the ranking is computed
 * again, so a page boundary moves only if a write changed the ranks between).
 */
async function searchProposals(
  prisma: PrismaClient,
  q: string,
  where: Prisma.ProposalWhereInput,
  f: ProposalFilter,
) {
  const ranked = await prisma.$queryRaw<{ id: number }[]>`
    SELECT p.id
      FROM "Proposal" p, websearch_to_tsquery('english', ${q}) query
     WHERE p."search" @@ query
     ORDER BY ts_rank(p."search", query) DESC, p.id DESC
     LIMIT ${SEARCH_MATCHES_MAX}`;
  const ids = ranked.map((r) => r.id);
  const rows = await prisma.proposal.findMany({
    where: { ...where, id: { in: ids } },
    select: summarySelect,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  const at = f.cursor ? ordered.findIndex((r) => r.id === f.cursor) : -1;
  // A cursor that no longer matches (edited away since) ends the list rather than restarting it.
  if (f.cursor && at < 0) return { items: [], nextCursor: null };
  return toPage(ordered.slice(at + 1, at + 1 + f.limit + 1), f.limit);
}
