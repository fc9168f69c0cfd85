import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readGrouping } from '../read-input';
import { readValidGrouping } from '../read-valid-grouping';
import { terminalSafe } from '../terminal-text';

export const renderCommand: Command = {
  name: 'render',
  help: `Usage: dust render FILE --out DIR [--baseline FILE] [--version N]

Renders a valid grouping into a git-format-patch series against Linux 6.1:
cover letter, uapi header, core, Kconfig, documentation, selftest. Writes
each patch (0000-cover-letter.patch, 0001-….patch…), series.mbox (for
git am), series-vN.tar.gz and grouping.json (what dust kernel-test reads)
into DIR, creating it if needed.

Options:
  --out DIR        where to write the series (required)
  --baseline FILE  the previous release: the cover letter lists the changes since it
  --version N      series version, the N of [PATCH vN] (default 1)
  -h, --help       show this help

Exit status: 0 written, 1 invalid grouping, 2 usage error or unreadable file.

Example:
  dust render grouping.json --baseline release-2.json --version 3 --out series/
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      baseline: { type: 'string' },
      version: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [file = ''] = expectPositionals(positionals, ['FILE']);
    if (values.out === undefined) throw new UsageError('missing --out DIR');
    const version = parseVersion(values.version);
    const previous = values.baseline
      ? await readGrouping(values.baseline, io, 'baseline')
      : undefined;
    const grouping = await readValidGrouping(file, io);

    const { renderSeries, seriesTarGz, RenderError } = await import('@dust/kernel');
    let series: ReturnType<typeof renderSeries>;
    try {
      series = renderSeries({ grouping, previous, version });
    } catch (error) {
      // INVALID_PREVIOUS / INVALID_OPTION: the input is at fault, not the program.
      if (!(error instanceof RenderError)) throw error;
      throw new CliError(terminalSafe(error.message, 400), 1);
    }
    const outputs = [
      ...series.files,
      { name: 'series.mbox', content: series.mbox },
      { name: 'grouping.json', content: `${JSON.stringify(grouping, null, 2)}\n` },
    ];
    try {
      await mkdir(values.out, { recursive: true });
      for (const output of outputs) {
        // The renderer names the files; a name with a directory part would leave DIR.
        if (basename(output.name) !== output.name)
          throw new Error(`unsafe file name ${output.name}`);
        await writeFile(join(values.out, output.name), output.content);
      }
      const tarball = `series-v${series.version}.tar.gz`;
      await writeFile(join(values.out, tarball), seriesTarGz(series));
      outputs.push({ name: tarball, content: '' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`cannot write to ${terminalSafe(values.out)}: ${terminalSafe(reason)}`);
    }
    io.out(`${outputs.map((o) => join(values.out ?? '', o.name)).join('\n')}\n`);
    return 0;
  },
};

function parseVersion(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(text)) {
    throw new UsageError(
      `--version must be a whole number from 1 to 9999, not ${terminalSafe(text, 20)}`,
    );
  }
  return Number(text);
}
