import { connect, latestRevision, parseId, SERVER_HELP, SERVER_OPTION } from '../client/connect';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { terminalSafe } from '../terminal-text';

export const approveCommand: Command = {
  name: 'approve',
  help: `Usage: dust approve ID [--revision N]

Approves revision N (default: the latest) of proposal ID. The server checks
everything a web approval checks (latest, valid, compatible, on the current
baseline, no open concern) and answers with the release it created.

Options:
  --revision N     the revision to approve (default: the latest)
${SERVER_HELP}
  -h, --help       show this help

Exit status: 0 approved, 1 refused by the server, 2 usage error, no token or
the server cannot be reached.

Example:
  dust approve 12 && dust fetch release 3
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      revision: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [idText = ''] = expectPositionals(positionals, ['ID']);
    const id = parseId(idText, 'ID');
    const client = await connect(io, values.server, { needsToken: true });
    const n =
      values.revision !== undefined
        ? parseId(values.revision, '--revision')
        : await latestRevision(client, id);
    const { release } = await client.json<{ release: number }>(
      'POST',
      `/api/proposals/${id}/revisions/${n}/approve`,
    );
    io.out(`release ${release}: ${terminalSafe(client.server)}/releases/${release}\n`);
    return 0;
  },
};
