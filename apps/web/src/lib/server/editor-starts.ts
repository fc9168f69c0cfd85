import 'server-only';
import type { Baseline } from '@dust/contract';
import type { EditorStart } from '../../editor/Editor';
import { systemdReference } from './systemd-reference';

/** The baseline and the systemd reference as starting points for the editor. */
export function standardStarts(baseline: Baseline): EditorStart[] {
  const starts: EditorStart[] = [
    {
      key: 'baseline',
      label: `Baseline (release ${baseline.release})`,
      grouping: baseline.grouping,
    },
  ];
  const systemd = systemdReference();
  if (systemd)
    starts.push({ key: 'systemd', label: 'systemd syscall groups (reference)', grouping: systemd });
  return starts;
}
