import { rebaseGrouping } from '@dust/model/rebase';
import { paint } from '../colors';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readGrouping } from '../read-input';
import { safeJson, terminalSafe } from '../terminal-text';

export const rebaseCommand: Command = {
  name: 'rebase',
  help: `Usage: dust rebase BASE REVISION NEWBASE [--json]

Three-way rebase: the changes from BASE (the baseline REVISION was written
against) to REVISION, applied onto NEWBASE (the current baseline). Prints the
merged grouping as JSON, or the conflicts (changes of both sides to the same
flag name, bit, description, policy field or kernel).

Options:
  --json           print {"ok": true, "grouping"} or {"ok": false, "conflicts": [...]}
  -h, --help       show this help

Exit status: 0 merged, 1 conflicts, 2 usage error or unreadable file.

Example:
  dust rebase release-2.json proposal-v3.json release-3.json > proposal-v4.json
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [base = '', revision = '', newBase = ''] = expectPositionals(positionals, [
      'BASE',
      'REVISION',
      'NEWBASE',
    ]);
    const result = rebaseGrouping(
      await readGrouping(base, io, 'BASE'),
      await readGrouping(revision, io, 'REVISION'),
      await readGrouping(newBase, io, 'NEWBASE'),
    );
    if (values.json) io.out(safeJson(result));
    else if (result.ok) io.out(safeJson(result.grouping));
    else {
      const lines = result.conflicts.map(
        (c) =>
          `${paint(io.color, 'red', 'conflict')} ${paint(io.color, 'dim', terminalSafe(c.path || '/', 120))}: ${terminalSafe(c.message, 400)}`,
      );
      const count = result.conflicts.length;
      lines.push(
        `${count} conflict${count === 1 ? '' : 's'}: resolve them in REVISION and rebase again`,
      );
      io.out(`${lines.join('\n')}\n`);
    }
    return result.ok ? 0 : 1;
  },
};
