import { diffGroupings } from '@dust/model/diff';
import type { Command } from '../command';
import { formatDiff } from '../format/format-diff';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readGrouping } from '../read-input';
import { safeJson } from '../terminal-text';

export const diffCommand: Command = {
  name: 'diff',
  help: `Usage: dust diff A B [--json]

Shows what changed from grouping A to grouping B: flags added, removed,
renamed (same bit) or moved to another bit, description changes, syscalls
added to or removed from a flag, syscalls moved between flags, policy and
kernel changes. The order of flags and syscalls is not a change.

Options:
  --json           print the diff as JSON (the GroupingDiff of @dust/model)
  -h, --help       show this help

Exit status: 0 (also when the groupings differ), 2 usage error or unreadable file.

Example:
  dust diff release-3.json proposal.json
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [a = '', b = ''] = expectPositionals(positionals, ['A', 'B']);
    const from = await readGrouping(a, io, 'A');
    const to = await readGrouping(b, io, 'B');
    const diff = diffGroupings(from, to);
    io.out(values.json ? safeJson(diff) : formatDiff(diff, io.color));
    return 0;
  },
};
