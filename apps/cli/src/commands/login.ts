import { UsageError } from '../cli-error';
import { dustClient } from '../client/dust-client';
import { DEFAULT_SERVER, saveLogin, serverUrl } from '../client/server-settings';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { terminalSafe } from '../terminal-text';

export const loginCommand: Command = {
  name: 'login',
  help: `Usage: dust login [--server URL] < token

Reads an API token (create one on your account page, or POST /api/tokens)
from standard input, checks it against the server (GET /api/me), and saves
server and token in $XDG_CONFIG_HOME/dust/config.json (else
~/.config/dust/config.json), readable by you only. DUST_SERVER and
DUST_TOKEN, when set, win over the saved ones.

Options:
  --server URL     the Dust server (default: DUST_SERVER, else http://127.0.0.1:3001)
  -h, --help       show this help

Exit status: 0 saved, 1 the server refused the token, 2 usage error or the
server cannot be reached.

Example:
  dust login --server https://dust.example.org < ~/dust-token
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { server: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    expectPositionals(positionals, []);
    const server = serverUrl(values.server ?? io.server ?? DEFAULT_SERVER);
    const token = (await io.readStdin()).trim();
    if (!/^[\x21-\x7e]{8,200}$/.test(token)) {
      throw new UsageError('standard input holds no API token (one line of printable text)');
    }
    const me = await dustClient({ server, token }, { needsToken: true }).json<{
      name: string;
      role: string;
    }>('GET', '/api/me');
    await saveLogin(io.loginFile, { server, token });
    io.out(
      `signed in to ${terminalSafe(server)} as ${terminalSafe(me.name, 40)} (${terminalSafe(me.role, 20)}); saved in ${terminalSafe(io.loginFile)}\n`,
    );
    return 0;
  },
};
