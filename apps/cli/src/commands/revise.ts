import { assertValidOnServer } from '../client/assert-valid-on-server';
import { connect, parseId, SERVER_HELP, SERVER_OPTION } from '../client/connect';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readGrouping } from '../read-input';
import { terminalSafe } from '../terminal-text';

export const reviseCommand: Command = {
  name: 'revise',
  help: `Usage: dust revise ID GROUPING [--changelog TEXT]

Posts GROUPING as the next revision of proposal ID (yours). Revisions are
immutable; acks given to the previous one become outdated if the grouping
changed.

Options:
  --changelog TEXT       what changed since the last revision (one line)
${SERVER_HELP}
  -h, --help             show this help

Exit status: 0 posted, 1 refused by the server, 2 usage error, unreadable
file, no token or the server cannot be reached.

Example:
  dust revise 12 clocks.json --changelog "clock_getres joins CLOCK"
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      changelog: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [idText = '', file = ''] = expectPositionals(positionals, ['ID', 'GROUPING']);
    const id = parseId(idText, 'ID');
    const grouping = await readGrouping(file, io, 'GROUPING');
    const client = await connect(io, values.server, { needsToken: true });
    await assertValidOnServer(client, grouping);
    const revision = await client.json<{ number: number }>(
      'POST',
      `/api/proposals/${id}/revisions`,
      { grouping, changelog: values.changelog ?? '' },
    );
    io.out(
      `proposal #${id} v${revision.number}: ${terminalSafe(client.server)}/proposals/${id}?rev=${revision.number}\n`,
    );
    return 0;
  },
};
