import { UsageError } from '../cli-error';
import { connect, latestRevision, parseId, SERVER_HELP, SERVER_OPTION } from '../client/connect';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { terminalSafe } from '../terminal-text';

export const reviewCommand: Command = {
  name: 'review',
  help: `Usage: dust review ID --ack [TEXT] | --nak TEXT | --concern TEXT [--revision N]

Reviews revision N (default: the latest) of proposal ID. An ack becomes an
Acked-by: trailer when it is approved; a concern blocks approval until you
resolve it.

Options:
  --ack            acknowledge (an optional TEXT says why)
  --nak TEXT       a NAK, with the reason
  --concern TEXT   a concern that blocks approval, with what it is
  --revision N     the revision to review (default: the latest)
${SERVER_HELP}
  -h, --help       show this help

Exit status: 0 recorded, 1 refused by the server, 2 usage error, no token or
the server cannot be reached.

Example:
  dust review 12 --concern "clock_settime does not belong in a read-only flag"
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      ack: { type: 'boolean' },
      nak: { type: 'string' },
      concern: { type: 'string' },
      revision: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [idText = '', ...text] = positionals;
    if (idText === '') throw new UsageError('missing ID');
    const id = parseId(idText, 'ID');
    const chosen = [values.ack && 'ack', values.nak !== undefined && 'nak']
      .concat(values.concern !== undefined ? ['concern'] : [])
      .filter(Boolean);
    if (chosen.length !== 1) throw new UsageError('give exactly one of --ack, --nak, --concern');
    if (!values.ack) expectPositionals(text, []);
    const verdict = chosen[0] as 'ack' | 'nak' | 'concern';
    const body = values.ack ? text.join(' ') : (values.nak ?? values.concern ?? '');
    if (verdict !== 'ack' && body.trim() === '') throw new UsageError(`--${verdict} needs a TEXT`);
    const client = await connect(io, values.server, { needsToken: true });
    const n =
      values.revision !== undefined
        ? parseId(values.revision, '--revision')
        : await latestRevision(client, id);
    const review = await client.json<{ id: number }>(
      'POST',
      `/api/proposals/${id}/revisions/${n}/reviews`,
      { verdict, body },
    );
    io.out(
      `review ${review.id}: ${verdict} on proposal #${id} v${n} (${terminalSafe(client.server)})\n`,
    );
    return 0;
  },
};
