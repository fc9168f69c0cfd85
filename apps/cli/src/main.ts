import { CliError, UsageError } from './cli-error';
import type { Command } from './command';
import { type CliIo, processIo } from './io';
import { terminalSafe } from './terminal-text';

interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** Loaded on use: `dust syscalls` need not load the validator, `dust validate` not the renderer. */
  readonly load: () => Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check a grouping (and its compatibility with a baseline)',
    load: async () => (await import('./commands/validate')).validateCommand,
  },
  {
    name: 'diff',
    summary: 'semantic difference between two groupings',
    load: async () => (await import('./commands/diff')).diffCommand,
  },
  {
    name: 'rebase',
    summary: 'apply a revision written against an old baseline onto a new one',
    load: async () => (await import('./commands/rebase')).rebaseCommand,
  },
  {
    name: 'syscalls',
    summary: 'list the Linux syscall table of one arch',
    load: async () => (await import('./commands/syscalls')).syscallsCommand,
  },
  {
    name: 'import',
    summary: 'turn a reference grouping (systemd, strace, pledge) into a grouping document',
    load: async () => (await import('./commands/import')).importCommand,
  },
  {
    name: 'compare',
    summary: 'where a grouping agrees and differs with a reference grouping',
    load: async () => (await import('./commands/compare')).compareCommand,
  },
  {
    name: 'render',
    summary: 'render a grouping into a Linux 6.1 patch series',
    load: async () => (await import('./commands/render')).renderCommand,
  },
  {
    name: 'mail',
    summary: 'take replies from the list into Dust (dust mail ingest)',
    load: async () => (await import('./commands/mail')).mailCommand,
  },
  {
    name: 'login',
    summary: 'save a Dust server and API token for the commands that talk to one',
    load: async () => (await import('./commands/login')).loginCommand,
  },
  {
    name: 'propose',
    summary: 'open a proposal on a Dust server from a grouping file',
    load: async () => (await import('./commands/propose')).proposeCommand,
  },
  {
    name: 'revise',
    summary: 'post a new revision of your proposal from a grouping file',
    load: async () => (await import('./commands/revise')).reviseCommand,
  },
  {
    name: 'review',
    summary: 'ack, nak or raise a concern on a proposal revision',
    load: async () => (await import('./commands/review')).reviewCommand,
  },
  {
    name: 'comment',
    summary: 'comment on a proposal (or one of its flags or syscalls)',
    load: async () => (await import('./commands/comment')).commentCommand,
  },
  {
    name: 'approve',
    summary: 'approve a proposal revision as the next release (maintainers)',
    load: async () => (await import('./commands/approve')).approveCommand,
  },
  {
    name: 'fetch',
    summary: 'download a release’s patch series into a folder, ready for git am',
    load: async () => (await import('./commands/fetch')).fetchCommand,
  },
  {
    name: 'status',
    summary: 'what waits for you on a Dust server (your turn)',
    load: async () => (await import('./commands/status')).statusCommand,
  },
  {
    name: 'kernel-test',
    summary: 'apply, checkpatch, build and boot a series under QEMU',
    load: async () => (await import('./commands/kernel-test')).kernelTestCommand,
  },
];

const HELP = `Usage: dust COMMAND [OPTIONS]

Design and check the flag groups of SECCOMP flags mode ("Magic Security Dust").

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Run "dust COMMAND --help" for a command's options and an example.

Commands from login on talk to a Dust server (--server URL, DUST_SERVER or
the one dust login saved; the token from DUST_TOKEN or dust login).

Examples:
  dust validate grouping.json
  dust syscalls --kernel 6.1 --arch x86_64
  dust login --server https://dust.example.org < token && dust propose g.json --title …
`;

/** Runs `dust` with the given arguments; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(HELP);
    return 0;
  }
  if (name === 'help') return main(args[0] === undefined ? [] : [args[0], '--help'], io);
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`dust: unknown command ${terminalSafe(name, 60)} (see dust --help)\n`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      const hint = error instanceof UsageError ? ` (see dust ${entry.name} --help)` : '';
      io.err(`dust ${entry.name}: ${error.message}${hint}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`dust ${entry.name}: internal error: ${terminalSafe(message, 300)}\n`);
    if (io.debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return 70;
  }
}
