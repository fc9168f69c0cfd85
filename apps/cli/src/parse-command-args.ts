import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './cli-error';
import { terminalSafe } from './terminal-text';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommandArgs<O extends Options> {
  values: { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string } & {
    help?: boolean;
  };
  positionals: string[];
}

/**
 * node:util parseArgs, strict, with `-h/--help` on every command and its
 * errors turned into one-line UsageErrors.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
): ParsedCommandArgs<O> {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedCommandArgs<O>['values'], positionals };
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
}

function parseArgsMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = message ?? String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(text)?.[1] ?? text;
    return `unknown option ${terminalSafe(option, 60)}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(-[^' ]+)/.exec(text)?.[1];
    return option
      ? `option ${terminalSafe(option, 60)} needs a value`
      : terminalSafe(text.split('\n')[0] ?? text);
  }
  return terminalSafe(text.split('\n')[0] ?? text);
}

/** Exactly `count` positionals, named for the error message. */
export function expectPositionals(positionals: string[], names: readonly string[]): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(' ')}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(
      `unexpected argument ${terminalSafe(positionals[names.length] ?? '', 60)}`,
    );
  }
  return positionals;
}
