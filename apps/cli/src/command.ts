import type { CliIo } from './io';

/**
 * One `dust` subcommand. `help` is the full --help text, with at least one example.
 * Its one-line summary is in main.ts's table, which lists commands without loading them.
 */
export interface Command {
  readonly name: string;
  readonly help: string;
  /** Returns the exit code; throws CliError for problems the user can fix. */
  run(args: string[], io: CliIo): Promise<number>;
}
