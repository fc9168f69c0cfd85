import type { Grouping } from '@dust/model/grouping';
import { validateGrouping } from '@dust/model/validate';
import { CliError } from './cli-error';
import type { CliIo } from './io';
import { readJson } from './read-input';
import { terminalSafe } from './terminal-text';

/**
 * Reads a grouping that must pass validation (what render and kernel-test
 * accept). An invalid one is refused with exit 1 and its first error.
 */
export async function readValidGrouping(path: string, io: CliIo): Promise<Grouping> {
  const report = validateGrouping(await readJson(path, io));
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  if (report.valid && report.grouping) return report.grouping;
  const first = errors[0];
  const detail = first ? `; first: ${first.code} at ${first.path || '/'}: ${first.message}` : '';
  throw new CliError(
    terminalSafe(
      `${path} is not a valid grouping (${errors.length} error${errors.length === 1 ? '' : 's'}${detail}); see dust validate`,
      400,
    ),
    1,
  );
}
