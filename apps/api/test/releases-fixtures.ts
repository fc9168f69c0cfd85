// Data for release, preview and worker tests, written straight to the database
// (the approval workflow itself is tested end to end elsewhere).
import type { Grouping } from '@dust/model';
import { renderAndStoreSeries } from '../src/domain/releases/render-release-series';
import type { PrismaClient } from '../src/generated/prisma/client';

export function sampleGrouping(extraFlags = 0): Grouping {
  const flags = [
    {
      name: 'FILE_READ',
      bit: 0,
      description: 'Open, stat and read files',
      syscalls: ['openat', 'close', 'lseek', 'pread64'],
    },
    {
      name: 'TIME',
      bit: 1,
      description: 'Read the clocks */ and sleep',
      syscalls: ['clock_gettime', 'nanosleep'],
    },
  ];
  for (let i = 0; i < extraFlags; i++) {
    flags.push({
      name: `MEMORY_${i}`,
      bit: 2 + i,
      description: 'Map and unmap memory',
      syscalls: ['mmap', 'munmap'],
    });
  }
  return {
    schema: 'dust.grouping/v1',
    kernel: '6.1',
    policy: { fork: 'inherit', exec: 'keep' },
    flags,
  };
}

/**
 * Appends release N+1 (approved revision of a fresh proposal) with a queued build
 * job and, as an approval does, its rendered series (`render: false`: a release
 * from before approvals stored their series, rendered on first request).
 */
export async function addRelease(
  prisma: PrismaClient,
  grouping: Grouping,
  opts: { authorId: number; trailers?: string[]; enqueue?: boolean; render?: boolean },
) {
  const last = await prisma.release.findFirstOrThrow({ orderBy: { number: 'desc' } });
  const proposal = await prisma.proposal.create({
    data: {
      title: `Release ${last.number + 1}`,
      rationale: 'test',
      authorId: opts.authorId,
      status: 'approved',
    },
  });
  const revision = await prisma.revision.create({
    data: {
      proposalId: proposal.id,
      number: 1,
      grouping,
      baseRelease: last.number,
      valid: true,
      diagnostics: [],
      authorId: opts.authorId,
    },
  });
  const release = await prisma.release.create({
    data: {
      number: last.number + 1,
      grouping,
      revisionId: revision.id,
      approvedById: opts.authorId,
      trailers: opts.trailers ?? [],
    },
  });
  if (opts.render !== false) {
    const author = await prisma.user.findUniqueOrThrow({ where: { id: opts.authorId } });
    await renderAndStoreSeries(prisma, { ...release, author });
  }
  const job =
    opts.enqueue === false
      ? null
      : await prisma.buildJob.create({ data: { releaseId: release.id } });
  return { proposal, revision, release, job };
}

/** An open proposal with one revision (valid or not) on the current baseline. */
export async function addProposal(
  prisma: PrismaClient,
  grouping: unknown,
  opts: { authorId: number; valid?: boolean; diagnostics?: unknown[] },
) {
  const last = await prisma.release.findFirstOrThrow({ orderBy: { number: 'desc' } });
  const proposal = await prisma.proposal.create({
    data: { title: 'Preview me', rationale: 'test', authorId: opts.authorId },
  });
  const revision = await prisma.revision.create({
    data: {
      proposalId: proposal.id,
      number: 1,
      grouping: grouping as object,
      baseRelease: last.number,
      valid: opts.valid ?? true,
      diagnostics: (opts.diagnostics ?? []) as object[],
      authorId: opts.authorId,
    },
  });
  return { proposal, revision };
}
