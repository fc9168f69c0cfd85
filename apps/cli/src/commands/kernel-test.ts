import { stat } from 'node:fs/promises';
import type { KernelTestOptions } from '@dust/kernel';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { formatVerdict } from '../format/format-verdict';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { readValidGrouping } from '../read-valid-grouping';
import { safeJson, terminalSafe } from '../terminal-text';

/** Exit status when the test could not run here (toolchain or prepared tree missing). */
export const EXIT_SKIPPED = 3;

export const kernelTestCommand: Command = {
  name: 'kernel-test',
  help: `Usage: dust kernel-test DIR|FILE [--json] [--tree PATH] [--keep] [--skip bisect]

Proves a patch series: applies it with git am to a clean Linux 6.1 tree,
runs checkpatch, builds a small kernel, boots it under QEMU with an
initramfs test that checks, for every flag, that its syscalls run and
others kill, and runs the series' own selftest there; then checks that
every prefix of the series compiles (bisect). DIR is a series written by dust render (with grouping.json);
FILE is a grouping, rendered first. Progress goes to standard error.
Needs the prepared tree: run "npm run kernel:setup" once.

Options:
  --json           print the verdict as JSON
  --tree PATH      prepared kernel tree (default: the one kernel:setup made)
  --keep           keep the work directory (patches, initramfs, console log)
  --skip bisect    leave out the bisect stage (reported as skipped)
  -h, --help       show this help

Exit status: 0 passed, 1 failed, 2 usage error or unreadable input,
3 skipped (toolchain or prepared tree missing; the reason says what to run).

Example:
  dust render grouping.json --out series/ && dust kernel-test series/
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      tree: { type: 'string' },
      keep: { type: 'boolean' },
      skip: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [target = ''] = expectPositionals(positionals, ['DIR|FILE']);
    const kernel = await import('@dust/kernel');
    const skip = (values.skip ?? []) as string[];
    const unknown = skip.find((s) => !(kernel.SKIPPABLE_STAGES as readonly string[]).includes(s));
    if (unknown !== undefined) {
      throw new UsageError(
        `--skip takes ${kernel.SKIPPABLE_STAGES.join(', ')}, not ${terminalSafe(unknown, 40)}`,
      );
    }
    const options: KernelTestOptions = {
      tree: values.tree,
      keep: values.keep ?? false,
      skip: skip as KernelTestOptions['skip'],
      onProgress: (p) => io.err(`${terminalSafe(kernel.formatProgress(p), 400)}\n`),
    };
    if (await isDirectory(target)) {
      options.seriesDir = target;
    } else {
      const grouping = await readValidGrouping(target, io);
      options.grouping = grouping;
      options.series = kernel.renderSeries({ grouping });
    }
    let verdict: Awaited<ReturnType<typeof kernel.kernelTest>>;
    try {
      verdict = await kernel.kernelTest(options);
    } catch (error) {
      throw new CliError(terminalSafe(error instanceof Error ? error.message : String(error), 300));
    }
    io.out(values.json ? safeJson(verdict) : formatVerdict(verdict, io.color));
    return verdict.status === 'passed' ? 0 : verdict.status === 'failed' ? 1 : EXIT_SKIPPED;
  },
};

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
