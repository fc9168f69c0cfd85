import { validateGrouping } from '@dust/model/validate';
import type { Command } from '../command';
import { formatDiagnostics } from '../format/format-diagnostics';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readGrouping, readJson } from '../read-input';
import { safeJson } from '../terminal-text';

export const validateCommand: Command = {
  name: 'validate',
  help: `Usage: dust validate FILE [--baseline FILE] [--json]

Checks a dust.grouping/v1 document: structure, flag names and bits,
descriptions, syscall names against the Linux 6.1 tables, families, policy.
With --baseline, also checks that the grouping only adds to the baseline.
FILE may be "-" for standard input.

Options:
  --baseline FILE  the current baseline grouping (adds COMPAT_* diagnostics)
  --json           print {"valid": bool, "diagnostics": [...]} instead of text
  -h, --help       show this help

Exit status: 0 valid, 1 invalid, 2 usage error or unreadable/unparseable file.

Example:
  dust validate grouping.json --baseline release-3.json
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      baseline: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [file = ''] = expectPositionals(positionals, ['FILE']);
    const baseline = values.baseline
      ? await readGrouping(values.baseline, io, 'baseline')
      : undefined;
    const document = await readJson(file, io);
    const report = validateGrouping(document, baseline ? { baseline } : undefined);
    if (values.json) {
      io.out(safeJson({ valid: report.valid, diagnostics: report.diagnostics }));
    } else {
      io.out(
        formatDiagnostics(report.diagnostics, document, {
          color: io.color,
          source: file === '-' ? 'stdin' : file,
        }),
      );
    }
    return report.valid ? 0 : 1;
  },
};
