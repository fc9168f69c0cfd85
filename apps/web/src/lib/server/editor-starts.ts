import 'server-only';
import type { Baseline } from '@dust/contract';
import type { EditorStart } from '../../editor/Editor';
import { referenceGroupings } from './reference-groupings';

/** The baseline and the reference groupings as starting points for the editor. */
export function standardStarts(baseline: Baseline): EditorStart[] {
  const starts: EditorStart[] = [
    {
      key: 'baseline',
      label: `Baseline (release ${baseline.release})`,
      grouping: baseline.grouping,
    },
  ];
  for (const reference of referenceGroupings()) {
    starts.push({
      key: reference.key,
      label: `${reference.label} (reference)`,
      grouping: reference.grouping,
    });
  }
  return starts;
}
