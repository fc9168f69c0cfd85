import type { Prisma, PrismaClient } from '../db/types';
import type { ProposalStatus } from '../generated/prisma/client';
import { toPage } from '../lib/paginate';

export interface ProposalFilter {
  status?: ProposalStatus | undefined;
  author?: string | undefined;
  flag?: string | undefined;
  syscall?: string | undefined;
  cursor?: number | undefined;
  limit: number;
}

/** Newest first. flag/syscall match any revision of the proposal (jsonb containment). */
export async function listProposals(prisma: PrismaClient, f: ProposalFilter) {
  const groupingFilters: Prisma.RevisionWhereInput[] = [];
  if (f.flag)
    groupingFilters.push({ grouping: { path: ['flags'], array_contains: [{ name: f.flag }] } });
  if (f.syscall) {
    groupingFilters.push({
      grouping: { path: ['flags'], array_contains: [{ syscalls: [f.syscall] }] },
    });
  }
  const rows = await prisma.proposal.findMany({
    where: {
      ...(f.status ? { status: f.status } : {}),
      ...(f.author ? { author: { name: f.author } } : {}),
      ...(f.cursor ? { id: { lt: f.cursor } } : {}),
      ...(groupingFilters.length
        ? { AND: groupingFilters.map((g) => ({ revisions: { some: g } })) }
        : {}),
    },
    // The list shows summaries: no rationale (free text of any length).
    select: {
      id: true,
      title: true,
      status: true,
      stale: true,
      latestRevision: true,
      createdAt: true,
      updatedAt: true,
      author: { select: { id: true, name: true } },
    },
    orderBy: { id: 'desc' },
    take: f.limit + 1,
  });
  return toPage(rows, f.limit);
}
