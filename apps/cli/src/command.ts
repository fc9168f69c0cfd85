import type { CliIo } from './io';

/** One `dust` subcommand. `help` is the full --help text, with at least one example. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  /** Returns the exit code; throws CliError for problems the user can fix. */
  run(args: string[], io: CliIo): Promise<number>;
}
