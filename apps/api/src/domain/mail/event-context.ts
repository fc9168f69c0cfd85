// What a notification needs to know about an event: its proposal (a build
// event names only its release) and a one-line summary.
import type { Db } from '../../db/types';
import { summarizeEvent } from './notify-rules';

export interface EventRow {
  id: number;
  type: string;
  actorId: number | null;
  proposalId: number | null;
  releaseId: number | null;
  data: unknown;
  createdAt: Date;
  actor: { id: number; name: string } | null;
}

export interface EventContext {
  proposal: { id: number; title: string; authorId: number } | null;
  release: number | null;
  summary: string;
}

export async function eventContext(db: Db, event: EventRow): Promise<EventContext> {
  const release = event.releaseId
    ? await db.release.findUnique({
        where: { id: event.releaseId },
        select: { number: true, revision: { select: { proposalId: true } } },
      })
    : null;
  const proposalId = event.proposalId ?? release?.revision?.proposalId ?? null;
  const proposal = proposalId
    ? await db.proposal.findUnique({
        where: { id: proposalId },
        select: { id: true, title: true, authorId: true },
      })
    : null;
  const data = (event.data ?? {}) as Record<string, unknown>;
  return {
    proposal,
    release: release?.number ?? (typeof data.release === 'number' ? data.release : null),
    summary: summarizeEvent({
      type: event.type,
      actorName: event.actor?.name ?? null,
      proposalTitle: proposal?.title ?? null,
      release: release?.number ?? null,
      data,
    }),
  };
}
