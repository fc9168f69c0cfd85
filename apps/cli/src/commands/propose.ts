import { UsageError } from '../cli-error';
import { assertValidOnServer } from '../client/assert-valid-on-server';
import { connect, SERVER_HELP, SERVER_OPTION } from '../client/connect';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readGrouping, readText } from '../read-input';
import { terminalSafe } from '../terminal-text';

export const proposeCommand: Command = {
  name: 'propose',
  help: `Usage: dust propose GROUPING --title TITLE [--rationale TEXT | --rationale-file FILE]

Opens a proposal with GROUPING as its revision 1. The server validates it
against its syscall tables and the current baseline; an invalid grouping is
refused with its first diagnostic, and nothing is created.

Options:
  --title TITLE          the proposal's title (one line)
  --rationale TEXT       why (Markdown); --rationale-file reads it from FILE
${SERVER_HELP}
  -h, --help             show this help

Exit status: 0 created, 1 refused by the server, 2 usage error, unreadable
file, no token or the server cannot be reached.

Example:
  dust propose clocks.json --title "Clocks: read time without a filter" --rationale-file why.md
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      title: { type: 'string' },
      rationale: { type: 'string' },
      'rationale-file': { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [file = ''] = expectPositionals(positionals, ['GROUPING']);
    if (!values.title) throw new UsageError('missing --title');
    if (values.rationale !== undefined && values['rationale-file'] !== undefined) {
      throw new UsageError('give --rationale or --rationale-file, not both');
    }
    const grouping = await readGrouping(file, io, 'GROUPING');
    const rationale =
      values['rationale-file'] !== undefined
        ? await readText(values['rationale-file'], io)
        : (values.rationale ?? '');
    const client = await connect(io, values.server, { needsToken: true });
    await assertValidOnServer(client, grouping);
    const created = await client.json<{ id: number }>('POST', '/api/proposals', {
      title: values.title,
      rationale,
      grouping,
    });
    io.out(`proposal #${created.id}: ${terminalSafe(client.server)}/proposals/${created.id}\n`);
    return 0;
  },
};
