/**
 * An error the user can fix: bad arguments, a file that cannot be read or
 * parsed. main() prints its message as one line on stderr and exits with
 * `exitCode` (2, per the CLI contract); never a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage mistake: the message also points at the command's --help. */
export class UsageError extends CliError {}
