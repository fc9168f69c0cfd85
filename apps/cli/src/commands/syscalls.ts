import {
  ARCHES,
  getSyscallTable,
  isArch,
  isKnownKernel,
  KERNEL_RELEASES,
  KERNELS,
} from '@dust/model/syscalls/tables';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { safeJson, terminalSafe } from '../terminal-text';

export const syscallsCommand: Command = {
  name: 'syscalls',
  help: `Usage: dust syscalls --arch ARCH [--kernel 6.1] [--json]

Lists the syscall table of one arch exactly as the kernel defines it
(imported from the Linux sources): number, name, ABI, and whether the slot is
implemented (reserved and removed slots such as nfsservctl are listed, not
implemented).

Options:
  --arch ARCH      ${ARCHES.join(', ')}
  --kernel VER     kernel version (default ${KERNELS[0]}; known: ${KERNELS.join(', ')})
  --json           print {"kernel", "release", "arch", "syscalls": [{name, number, abi, implemented, entry}]}
  -h, --help       show this help

Example:
  dust syscalls --kernel 6.1 --arch x86_64
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      arch: { type: 'string' },
      kernel: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    expectPositionals(positionals, []);
    const kernel = values.kernel ?? KERNELS[0];
    if (!isKnownKernel(kernel)) {
      throw new UsageError(
        `no syscall tables for kernel ${terminalSafe(kernel, 40)} (known: ${KERNELS.join(', ')})`,
      );
    }
    if (values.arch === undefined)
      throw new UsageError(`missing --arch (one of ${ARCHES.join(', ')})`);
    if (!isArch(values.arch)) {
      throw new UsageError(
        `unknown arch ${terminalSafe(values.arch, 40)} (one of ${ARCHES.join(', ')})`,
      );
    }
    const rows = getSyscallTable(kernel, values.arch) ?? [];
    if (values.json) {
      io.out(
        safeJson({
          kernel,
          release: KERNEL_RELEASES[kernel],
          arch: values.arch,
          syscalls: rows.map((row) => ({ ...row, implemented: row.entry !== null })),
        }),
      );
      return 0;
    }
    const lines = [
      `# Linux ${KERNEL_RELEASES[kernel]} ${values.arch}: ${rows.length} syscalls`,
      'NUMBER  NAME                          ABI     IMPLEMENTED',
    ];
    for (const row of rows) {
      const implemented = row.entry === null ? 'no (reserved)' : 'yes';
      lines.push(
        `${String(row.number).padStart(6)}  ${row.name.padEnd(30)}${row.abi.padEnd(8)}${implemented}`,
      );
    }
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
