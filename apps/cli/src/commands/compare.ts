import {
  compareWithReference,
  pledgeReferenceGrouping,
  type ReferenceComparison,
  straceReferenceGrouping,
} from '@dust/model';
import { UsageError } from '../cli-error';
import { paint } from '../colors';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readGrouping } from '../read-input';
import { safeJson, terminalSafe } from '../terminal-text';

const BUILT_IN = {
  strace: () => straceReferenceGrouping().grouping,
  pledge: () => pledgeReferenceGrouping().grouping,
} as const;

const list = (names: readonly string[]) =>
  names.length === 0 ? 'nothing' : names.map((n) => terminalSafe(n, 60)).join(', ');

function formatComparison(result: ReferenceComparison, color: boolean): string {
  const lines: string[] = [];
  for (const f of result.flags) {
    const flag = terminalSafe(f.flag, 40);
    if (f.reference === null) {
      lines.push(paint(color, 'yellow', `${flag}: shares no call with any reference flag`));
      continue;
    }
    const percent = Math.round(f.agreement * 100);
    lines.push(
      paint(color, 'bold', `${flag} ~ ${terminalSafe(f.reference, 40)} (${percent}% agree)`),
    );
    if (f.onlyInFlag.length > 0) lines.push(paint(color, 'green', `  + ${list(f.onlyInFlag)}`));
    if (f.onlyInReference.length > 0)
      lines.push(paint(color, 'red', `  - ${list(f.onlyInReference)}`));
  }
  lines.push(`in the reference, in no flag of yours: ${list(result.onlyInReference)}`);
  lines.push(`in your flags, in no reference flag: ${list(result.onlyInProposal)}`);
  return `${lines.join('\n')}\n`;
}

export const compareCommand: Command = {
  name: 'compare',
  help: `Usage: dust compare GROUPING --with strace|pledge|FILE [--json]

Sets each flag of GROUPING beside the reference flag it shares the most calls
with (by Jaccard similarity: shared calls over all calls of the two) and lists
the calls only your flag has (+) and only the reference flag has (-), then the
calls the reference groups that none of your flags permits, and the reverse.

  --with strace   strace's syscall classes (as "dust import strace" prints)
  --with pledge   OpenBSD pledge's promises (as "dust import pledge" prints)
  --with FILE     any grouping document, e.g. the output of "dust import systemd"

Options:
  --json           print the comparison as JSON (ReferenceComparison of @dust/model)
  -h, --help       show this help

Exit status: 0, 2 usage error or unreadable file.

Example:
  dust import systemd > systemd.json && dust compare grouping.json --with systemd.json
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      with: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [file = ''] = expectPositionals(positionals, ['GROUPING']);
    const source = values.with;
    if (typeof source !== 'string' || source === '') {
      throw new UsageError('missing --with strace|pledge|FILE');
    }
    const proposal = await readGrouping(file, io, 'GROUPING');
    const reference =
      source === 'strace' || source === 'pledge'
        ? BUILT_IN[source]()
        : await readGrouping(source, io, 'reference');
    const result = compareWithReference(proposal, reference);
    io.out(values.json ? safeJson(result) : formatComparison(result, io.color));
    return 0;
  },
};
