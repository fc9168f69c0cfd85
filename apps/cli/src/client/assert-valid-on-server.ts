import type { Grouping } from '@dust/model';
import { CliError } from '../cli-error';
import { terminalSafe } from '../terminal-text';
import type { DustClient } from './dust-client';

interface Report {
  valid: boolean;
  diagnostics: { severity: string; code: string; path: string; message: string }[];
}

/**
 * The server keeps invalid revisions (they are debated, never approved); from
 * the command line an invalid document is a mistake to fix first, so it is
 * checked against the server's tables and current baseline and, if invalid,
 * nothing is sent (exit 1, the first error in one line).
 */
export async function assertValidOnServer(client: DustClient, grouping: Grouping): Promise<void> {
  const report = await client.json<Report>('POST', '/api/validate', {
    grouping,
    baseline: 'current',
  });
  if (report.valid) return;
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more; see dust validate)` : '';
  throw new CliError(
    terminalSafe(
      `invalid against the server's current baseline, nothing sent: ${first?.code ?? 'invalid'}${first?.path ? ` at ${first.path}` : ''}: ${first?.message ?? ''}${more}`,
      400,
    ),
    1,
  );
}
