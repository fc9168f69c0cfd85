import { importSystemdSyscallFilter } from '@dust/model/systemd';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { formatDiagnostics } from '../format/format-diagnostics';
import { parseCommandArgs } from '../parse-command-args';
import { readText } from '../read-input';
import { runSystemdAnalyze } from '../run-systemd-analyze';
import { safeJson, terminalSafe } from '../terminal-text';

const inputName = (file: string | undefined) =>
  file === undefined
    ? 'systemd-analyze syscall-filter'
    : file === '-'
      ? 'standard input'
      : terminalSafe(file);

export const importCommand: Command = {
  name: 'import',
  help: `Usage: dust import systemd [FILE|-]

Turns the output of "systemd-analyze syscall-filter" into a dust.grouping/v1
document, one flag per systemd group (@basic-io becomes BASIC_IO), and prints
it on standard output. Without FILE it runs systemd-analyze itself; FILE (or
"-" for standard input) is that command's saved output. Notes about names the
Linux 6.1 tables do not know go to standard error.

Options:
  -h, --help       show this help

Example:
  dust import systemd > systemd.json && dust validate systemd.json
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {});
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [source, file, extra] = positionals;
    if (source === undefined) throw new UsageError('missing SOURCE (only "systemd" is supported)');
    if (source !== 'systemd') {
      throw new UsageError(
        `unknown source ${terminalSafe(source, 40)} (only "systemd" is supported)`,
      );
    }
    if (extra !== undefined) throw new UsageError(`unexpected argument ${terminalSafe(extra, 60)}`);
    const text = file === undefined ? await runSystemdAnalyze() : await readText(file, io);
    const { grouping, diagnostics } = importSystemdSyscallFilter(text);
    const error = diagnostics.find((d) => d.severity === 'error');
    if (error) throw new CliError(`${inputName(file)}: ${terminalSafe(error.message, 300)}`);
    if (diagnostics.length > 0) {
      io.err(
        formatDiagnostics(diagnostics, grouping, {
          color: false,
          source: 'systemd import notes',
          verdict: false,
        }),
      );
    }
    io.out(safeJson(grouping));
    return 0;
  },
};
