import { diffGroupings } from '@dust/model';
import type { Db } from '../db/types';
import { asGrouping } from '../lib/present';
import { findRevision } from './find-proposal';
import { getBaseline } from './get-baseline';

/** What revision n changes relative to the current baseline or to revision `against`. */
export async function diffRevision(
  db: Db,
  proposalId: number,
  number: number,
  against: 'baseline' | number,
) {
  const revision = await findRevision(db, proposalId, number);
  if (against === 'baseline') {
    const baseline = await getBaseline(db);
    return {
      from: { kind: 'baseline' as const, release: baseline.release.number },
      diff: diffGroupings(baseline.grouping, asGrouping(revision.grouping)),
    };
  }
  const other = await findRevision(db, proposalId, against);
  return {
    from: { kind: 'revision' as const, revision: other.number },
    diff: diffGroupings(asGrouping(other.grouping), asGrouping(revision.grouping)),
  };
}
