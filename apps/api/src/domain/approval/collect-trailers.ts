import { diffGroupings } from '@dust/model';
import type { Tx } from '../../db/types';
import { asGrouping } from '../../lib/present';
import { authorIdentity } from '../author-identity';

export function ackTrailer(user: { name: string; email: string | null }): string {
  const { name, email } = authorIdentity(user);
  return `Acked-by: ${name} <${email}>`;
}

/** Acked-by lines from the acks given to this very grouping (this revision or an identical one). */
export async function collectTrailers(
  tx: Tx,
  proposalId: number,
  grouping: unknown,
): Promise<string[]> {
  const acks = await tx.review.findMany({
    where: { verdict: 'ack', revision: { proposalId } },
    include: { author: true, revision: { select: { grouping: true } } },
    orderBy: { id: 'asc' },
  });
  const trailers: string[] = [];
  for (const ack of acks) {
    if (!diffGroupings(asGrouping(ack.revision.grouping), asGrouping(grouping)).identical) continue;
    // A trailer from the list is carried exactly as written (docs/design.md, "Mail").
    const trailer = ack.trailer ?? ackTrailer(ack.author);
    if (!trailers.includes(trailer)) trailers.push(trailer);
  }
  return trailers;
}
