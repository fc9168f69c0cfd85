import type { Grouping } from '@dust/model';
import type { PrismaClient } from '../../generated/prisma/client';

export const RELEASE_INCLUDE = {
  revision: { select: { number: true, proposal: { select: { id: true, title: true } } } },
  approvedBy: { select: { id: true, name: true } },
  buildJobs: { orderBy: { id: 'desc' as const }, take: 1 },
};

/** Newest first; `before` is the cursor (a release number), exclusive. */
export async function listReleases(
  prisma: PrismaClient,
  opts: { limit: number; before?: number | undefined },
) {
  const rows = await prisma.release.findMany({
    ...(opts.before !== undefined ? { where: { number: { lt: opts.before } } } : {}),
    orderBy: { number: 'desc' },
    take: opts.limit + 1,
    include: RELEASE_INCLUDE,
  });
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  return {
    items: page.map(summarizeRelease),
    nextCursor: rows.length > opts.limit && last ? last.number : null,
  };
}

type ReleaseRow = Awaited<ReturnType<PrismaClient['release']['findMany']>>[number] & {
  revision: { number: number; proposal: { id: number; title: string } } | null;
  approvedBy: { id: number; name: string } | null;
  buildJobs: {
    status: 'queued' | 'running' | 'passed' | 'failed' | 'skipped';
    reason: string | null;
  }[];
};

export function summarizeRelease(release: ReleaseRow) {
  const job = release.buildJobs[0];
  return {
    number: release.number,
    createdAt: release.createdAt.toISOString(),
    flagCount: (release.grouping as Grouping).flags.length,
    proposal: release.revision
      ? {
          id: release.revision.proposal.id,
          title: release.revision.proposal.title,
          revision: release.revision.number,
        }
      : null,
    approvedBy: release.approvedBy,
    build: job ? { status: job.status, reason: job.reason } : null,
  };
}
