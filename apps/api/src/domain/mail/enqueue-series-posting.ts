// Approval only enqueues the release's series (in the approval's transaction):
// the mail worker composes and sends it, so an SMTP outage never blocks or
// undoes an approval (docs/design.md, "Mail").
import type { Tx } from '../../db/types';
import { appendEvent } from '../append-event';

export async function enqueueSeriesPosting(
  tx: Tx,
  release: { id: number; number: number },
  listAddress: string,
  actorId: number,
): Promise<void> {
  const posting = await tx.mailPosting.create({
    data: { kind: 'series', releaseId: release.id, recipients: [listAddress] },
  });
  await appendEvent(tx, {
    type: 'mail.queued',
    actorId,
    releaseId: release.id,
    data: { postingId: posting.id, kind: 'series', release: release.number, to: listAddress },
  });
}
