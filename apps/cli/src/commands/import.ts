import {
  pledgeReferenceGrouping,
  type ReferenceImport,
  straceReferenceGrouping,
} from '@dust/model';
import { importSystemdSyscallFilter } from '@dust/model/systemd';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { formatDiagnostics } from '../format/format-diagnostics';
import { parseCommandArgs } from '../parse-command-args';
import { readText } from '../read-input';
import { runSystemdAnalyze } from '../run-systemd-analyze';
import { safeJson, terminalSafe } from '../terminal-text';

/** The references whose data @dust/model carries (see packages/model/src/reference/). */
const BUILT_IN: Record<string, () => ReferenceImport> = {
  strace: () => straceReferenceGrouping(),
  pledge: () => pledgeReferenceGrouping(),
};
const SOURCES = '"systemd", "strace" or "pledge"';

const inputName = (file: string | undefined) =>
  file === undefined
    ? 'systemd-analyze syscall-filter'
    : file === '-'
      ? 'standard input'
      : terminalSafe(file);

export const importCommand: Command = {
  name: 'import',
  help: `Usage: dust import systemd [FILE|-]
       dust import strace
       dust import pledge

Prints a reference grouping as a dust.grouping/v1 document on standard output,
one flag per group of the reference. Notes about names the Linux 6.1 tables do
not know, and calls of the base set left out, go to standard error.

  systemd  the output of "systemd-analyze syscall-filter", one flag per group
           (@basic-io becomes BASIC_IO). Without FILE it runs systemd-analyze
           itself; FILE (or "-" for standard input) is its saved output.
  strace   strace's syscall classes (%file, %network, %process…), from the
           strace version recorded in @dust/model.
  pledge   OpenBSD pledge(2)'s promises (stdio, rpath, inet…) mapped to Linux
           calls, from the kern_pledge.c revision recorded in @dust/model.

Options:
  -h, --help       show this help

Example:
  dust import systemd > systemd.json && dust validate systemd.json
  dust import strace > strace.json && dust compare grouping.json --with strace.json
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {});
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [source, file, extra] = positionals;
    if (source === undefined) throw new UsageError(`missing SOURCE (${SOURCES})`);
    const builtIn = BUILT_IN[source];
    if (source !== 'systemd' && builtIn === undefined) {
      throw new UsageError(`unknown source ${terminalSafe(source, 40)} (${SOURCES})`);
    }
    if (builtIn && file !== undefined) {
      throw new UsageError(`${source} takes no FILE: its data is built in`);
    }
    if (extra !== undefined) throw new UsageError(`unexpected argument ${terminalSafe(extra, 60)}`);
    const { grouping, diagnostics } = builtIn
      ? builtIn()
      : importSystemdSyscallFilter(
          file === undefined ? await runSystemdAnalyze() : await readText(file, io),
        );
    const error = diagnostics.find((d) => d.severity === 'error');
    if (error) throw new CliError(`${inputName(file)}: ${terminalSafe(error.message, 300)}`);
    if (diagnostics.length > 0) {
      io.err(
        formatDiagnostics(diagnostics, grouping, {
          color: false,
          source: `${source} import notes`,
          verdict: false,
        }),
      );
    }
    io.out(safeJson(grouping));
    return 0;
  },
};
