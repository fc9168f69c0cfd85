// The audit log: every state change appends exactly one event, in the same
// transaction as the change itself. Events are never updated or deleted.
import type { Db, Prisma } from '../db/types';

export interface NewEvent {
  type: string;
  actorId?: number | null;
  proposalId?: number | null;
  revisionId?: number | null;
  releaseId?: number | null;
  data?: Prisma.InputJsonObject;
}

export async function appendEvent(db: Db, event: NewEvent): Promise<void> {
  await db.event.create({
    data: {
      type: event.type,
      actorId: event.actorId ?? null,
      proposalId: event.proposalId ?? null,
      revisionId: event.revisionId ?? null,
      releaseId: event.releaseId ?? null,
      data: event.data ?? {},
    },
  });
}
