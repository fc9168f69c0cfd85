import type { Baseline, Revision, RevisionValidation } from '@dust/contract';
import { validateGrouping } from '@dust/model';

/**
 * What `GET …/revisions/:n/validation` answers, computed here with the same validator
 * (@dust/model) from data the page already has: one API round trip less per proposal page.
 * The API checks it all again when a maintainer approves.
 */
export function validateAgainstBaseline(
  revision: Revision,
  baseline: Baseline,
): RevisionValidation {
  const report = validateGrouping(revision.grouping, { baseline: baseline.grouping });
  return {
    valid: report.valid,
    diagnostics: report.diagnostics,
    baselineRelease: baseline.release,
    basedOnBaseline: revision.baseRelease === baseline.release,
  };
}
