import { connect, SERVER_HELP, SERVER_OPTION } from '../client/connect';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { safeJson, terminalSafe } from '../terminal-text';

interface Attention {
  items: { proposal: { id: number; title: string }; reason: string; since: string }[];
  count: number;
}

/** The reasons in words (docs/design.md, "Review workflow"). */
const REASONS: Record<string, string> = {
  'review-on-your-proposal': 'a review or comment on your proposal since your latest revision',
  'stale-needs-rebase': 'the baseline moved: rebase your proposal',
  'concern-answered': 'a new revision since your concern: resolve it or keep it',
  'ack-outdated': 'a new revision outdated your ack',
  'ready-to-approve': 'ready to approve',
  'fcp-ending': 'its final comment period ends within a day',
};

export const statusCommand: Command = {
  name: 'status',
  help: `Usage: dust status [--json]

Lists the proposals that wait for you, longest waiting first, with why:
reviews on your proposal, a baseline that moved under it, a concern of yours
answered by a new revision, an ack of yours outdated, and for maintainers the
proposals ready to approve and final comment periods about to end.

Options:
  --json           print the server's answer as JSON
${SERVER_HELP}
  -h, --help       show this help

Exit status: 0, 1 refused by the server, 2 usage error, no token or the
server cannot be reached.

Example:
  dust status
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    expectPositionals(positionals, []);
    const client = await connect(io, values.server, { needsToken: true });
    const attention = await client.json<Attention>('GET', '/api/me/attention');
    if (values.json) {
      io.out(safeJson(attention));
      return 0;
    }
    if (attention.items.length === 0) {
      io.out('nothing waits for you\n');
      return 0;
    }
    for (const item of attention.items) {
      const why = REASONS[item.reason] ?? item.reason;
      io.out(
        `#${item.proposal.id} ${terminalSafe(item.proposal.title, 80)}: ${terminalSafe(why, 120)} (since ${terminalSafe(item.since, 30)})\n`,
      );
    }
    return 0;
  },
};
