// The audit log as an Atom feed, newest first: what a feed reader shows of a
// Dust's activity (or of one proposal's), linking each entry to its page.
import { describeEvent, isCommunityEvent } from '@dust/model';
import type { PrismaClient } from '../../db/types';
import type { AtomEntry, AtomFeed } from '../../lib/atom';
import { type EventFilter, listEvents } from '../list-events';
import { feedLinks, tagUri } from './feed-links';

type Filter = Omit<EventFilter, 'cursor' | 'order' | 'communityOnly'>;

function subjectOf(e: { proposalId: number | null; data: unknown }) {
  const release = (e.data as { release?: unknown } | null)?.release;
  if (typeof release === 'number')
    return { text: `release ${release}`, path: `/releases/${release}` };
  if (e.proposalId !== null)
    return { text: `proposal #${e.proposalId}`, path: `/proposals/${e.proposalId}` };
  return { text: 'Dust', path: '/' };
}

export async function buildEventFeed(
  prisma: PrismaClient,
  base: string,
  filter: Filter,
  meta: { title: string; selfPath: string; pagePath: string },
): Promise<AtomFeed> {
  const page = await listEvents(prisma, { ...filter, order: 'desc', communityOnly: true });
  const entries: AtomEntry[] = page.items
    .map((e) => ({ ...e, data: e.data as Record<string, unknown> | null }))
    .filter(isCommunityEvent)
    .map((e) => {
      const subject = subjectOf(e);
      const actor = e.actor?.name ?? 'Dust';
      return {
        id: tagUri(base, `event/${e.id}`),
        title: `${actor} ${describeEvent(e)} ${subject.text}`,
        updated: e.createdAt,
        author: actor,
        links: [{ href: `${base}${subject.path}` }],
        categories: [e.type],
      };
    });
  return {
    id: tagUri(base, meta.selfPath),
    title: meta.title,
    updated: entries[0]?.updated ?? new Date(),
    links: feedLinks(base, meta.selfPath, meta.pagePath),
    entries,
  };
}
