import 'server-only';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Grouping, importSystemdSyscallFilter } from '@dust/model';

// systemd's syscall groups (@basic-io, @file-system…) turned into a grouping by the
// model's own importer, from the `systemd-analyze syscall-filter` output @dust/model
// commits as a fixture. The editor offers it as a starting point, the syscalls page shows
// each syscall's group, the home page uses the groups as syscall classes.

const FIXTURE = join('packages', 'model', 'fixtures', 'systemd-syscall-filter.txt');

function findFixture(): string | null {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, FIXTURE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

let cached: Grouping | null | undefined;

/** The systemd reference grouping, or null when the fixture is not in this checkout. */
export function systemdReference(): Grouping | null {
  if (cached === undefined) {
    const path = findFixture();
    cached = path ? importSystemdSyscallFilter(readFileSync(path, 'utf8')).grouping : null;
  }
  return cached;
}
