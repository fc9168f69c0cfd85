import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError, UsageError } from '../cli-error';
import { connect, parseId, SERVER_HELP, SERVER_OPTION } from '../client/connect';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { terminalSafe } from '../terminal-text';

interface ReleaseDetail {
  number: number;
  series: { version: string; mbox: string; files: { name: string; url: string }[] } | null;
}

/** A patch file name as the server lists it: a plain name, never a path. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export const fetchCommand: Command = {
  name: 'fetch',
  help: `Usage: dust fetch release N [--out DIR]

Downloads release N's patch series: each patch file (0000-cover-letter.patch,
0001-….patch…) and the whole series as series.mbox, into DIR (default
release-N). Apply it to a Linux tree with "git am DIR/series.mbox".

Options:
  --out DIR        where to write (created if missing; default: release-N)
${SERVER_HELP}
  -h, --help       show this help

Exit status: 0 written, 1 refused by the server (no such release, or release 0
which has no series), 2 usage error, the server cannot be reached or DIR
cannot be written.

Example:
  dust fetch release 3 && git -C ~/linux am "$PWD/release-3/series.mbox"
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      out: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [what = '', numberText = ''] = expectPositionals(positionals, ['release', 'N']);
    if (what !== 'release') {
      throw new UsageError(`can fetch "release N", not ${terminalSafe(what, 40)}`);
    }
    const number = parseId(numberText, 'N', { zero: true });
    const client = await connect(io, values.server, { needsToken: false });
    const release = await client.json<ReleaseDetail>('GET', `/api/releases/${number}`);
    if (!release.series) throw new CliError(`release ${number} has no patch series`, 1);
    const out = values.out ?? `release-${number}`;
    await mkdir(out, { recursive: true }).catch((error: Error) => {
      throw new CliError(`cannot create ${terminalSafe(out)}: ${error.message}`);
    });
    const downloads = [
      ...release.series.files.map((f) => ({ name: f.name, url: f.url })),
      { name: 'series.mbox', url: release.series.mbox },
    ];
    for (const file of downloads) {
      if (!SAFE_NAME.test(file.name)) {
        throw new CliError(`the server listed an unsafe file name: ${terminalSafe(file.name, 80)}`);
      }
      // URLs are the server's own paths; anything else is not followed.
      if (!file.url.startsWith('/api/')) {
        throw new CliError(`the server listed an unexpected URL: ${terminalSafe(file.url, 120)}`);
      }
      const bytes = await client.bytes(file.url);
      await writeFile(path.join(out, file.name), bytes);
    }
    io.out(
      `release ${number} (${terminalSafe(release.series.version, 20)}): ${downloads.length} files in ${terminalSafe(out)}\n`,
    );
    return 0;
  },
};
