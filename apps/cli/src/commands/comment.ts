import { UsageError } from '../cli-error';
import { connect, parseId, SERVER_HELP, SERVER_OPTION } from '../client/connect';
import type { Command } from '../command';
import { parseCommandArgs } from '../parse-command-args';

export const commentCommand: Command = {
  name: 'comment',
  help: `Usage: dust comment ID TEXT [--flag NAME] [--syscall NAME]

Adds TEXT (Markdown) to the debate of proposal ID, on the proposal, on one of
its flags, or on one syscall.

Options:
  --flag NAME      comment on this flag of the latest revision
  --syscall NAME   comment on this syscall
${SERVER_HELP}
  -h, --help       show this help

Exit status: 0 posted, 1 refused by the server, 2 usage error, no token or
the server cannot be reached.

Example:
  dust comment 12 "Should fstat sit with the read calls?" --flag FILE_READ
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      flag: { type: 'string' },
      syscall: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [idText = '', ...words] = positionals;
    if (idText === '') throw new UsageError('missing ID');
    const id = parseId(idText, 'ID');
    const body = words.join(' ');
    if (body.trim() === '') throw new UsageError('missing TEXT');
    const client = await connect(io, values.server, { needsToken: true });
    const comment = await client.json<{ id: number }>('POST', `/api/proposals/${id}/comments`, {
      body,
      ...(values.flag !== undefined ? { flag: values.flag } : {}),
      ...(values.syscall !== undefined ? { syscall: values.syscall } : {}),
    });
    io.out(`comment ${comment.id} on proposal #${id}\n`);
    return 0;
  },
};
