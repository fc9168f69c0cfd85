import { validateGrouping } from '@dust/model';
import type { Db } from '../db/types';
import { findRevision } from './find-proposal';
import { getBaseline } from './get-baseline';

/** The revision's diagnostics now: its own rules plus compatibility with the *current* baseline. */
export async function validateRevision(db: Db, proposalId: number, number: number) {
  const revision = await findRevision(db, proposalId, number);
  const baseline = await getBaseline(db);
  const { valid, diagnostics } = validateGrouping(revision.grouping, {
    baseline: baseline.grouping,
  });
  return {
    valid,
    diagnostics,
    baselineRelease: baseline.release.number,
    basedOnBaseline: revision.baseRelease === baseline.release.number,
  };
}
