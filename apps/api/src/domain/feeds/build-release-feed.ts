// Releases as an Atom feed, newest first: each entry links the release page and
// encloses the series as an mbox, so a feed reader (or a script) can `git am` it.
import type { PrismaClient } from '../../db/types';
import type { AtomFeed } from '../../lib/atom';
import { listReleases } from '../releases/list-releases';
import { feedLinks, tagUri } from './feed-links';

export async function buildReleaseFeed(
  prisma: PrismaClient,
  base: string,
  limit: number,
): Promise<AtomFeed> {
  const { items } = await listReleases(prisma, { limit });
  const selfPath = '/api/releases.atom';
  const entries = items.map((r) => ({
    id: tagUri(base, `release/${r.number}`),
    title: r.proposal
      ? `Release ${r.number}: ${r.proposal.title}`
      : `Release ${r.number}: strict mode only`,
    updated: new Date(r.createdAt),
    author: r.approvedBy?.name ?? 'Dust',
    summary: `${r.flagCount} flag(s)${r.proposal ? `, from proposal #${r.proposal.id} v${r.proposal.revision}` : ''}; build ${r.build?.status ?? 'not queued'}.`,
    links: [
      { href: `${base}/releases/${r.number}` },
      // Release 0 is the empty grouping: it has no series.
      ...(r.number > 0
        ? [
            {
              href: `${base}/api/releases/${r.number}/series.mbox`,
              rel: 'enclosure' as const,
              type: 'application/mbox',
              title: `Release ${r.number} series (mbox)`,
            },
          ]
        : []),
    ],
  }));
  return {
    id: tagUri(base, selfPath),
    title: 'Dust: releases',
    subtitle: 'Approved flag groupings and their patch series',
    updated: entries[0]?.updated ?? new Date(),
    links: feedLinks(base, selfPath, '/releases'),
    entries,
  };
}
