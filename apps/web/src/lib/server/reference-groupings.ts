import 'server-only';
import { type Grouping, pledgeReferenceGrouping, straceReferenceGrouping } from '@dust/model';
import { systemdReference } from './systemd-reference';

// The reference groupings Dust compares proposals with: systemd's groups (from the
// fixture @dust/model commits), strace's classes and OpenBSD pledge's promises (data
// in @dust/model, with where each comes from written beside it).

export interface Reference {
  key: 'systemd' | 'strace' | 'pledge';
  label: string;
  grouping: Grouping;
}

export function referenceGroupings(): Reference[] {
  const systemd = systemdReference();
  return [
    ...(systemd
      ? [{ key: 'systemd' as const, label: 'systemd syscall groups', grouping: systemd }]
      : []),
    {
      key: 'strace',
      label: 'strace syscall classes',
      grouping: straceReferenceGrouping().grouping,
    },
    {
      key: 'pledge',
      label: 'OpenBSD pledge promises',
      grouping: pledgeReferenceGrouping().grouping,
    },
  ];
}

/** syscall → the names of the reference's flags that contain it. */
export function flagsBySyscall(grouping: Grouping): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const flag of grouping.flags) {
    for (const name of flag.syscalls) map.set(name, [...(map.get(name) ?? []), flag.name]);
  }
  return map;
}
