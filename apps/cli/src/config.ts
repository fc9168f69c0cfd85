import os from 'node:os';
import path from 'node:path';

/**
 * The one place the CLI reads the environment.
 * - NO_COLOR (https://no-color.org): any non-empty value turns colours off.
 * - FORCE_COLOR: non-empty and not "0" turns colours on without a TTY.
 * - DUST_DEBUG: non-empty prints the stack of an internal error.
 * - DUST_SERVER (or DUST_API_URL), DUST_TOKEN: the Dust server and an API token,
 *   for the commands that talk to one; they win over the file `dust login` writes.
 * - XDG_CONFIG_HOME, HOME: where that file lives ($XDG_CONFIG_HOME/dust/config.json,
 *   else ~/.config/dust/config.json).
 */
export interface CliConfig {
  readonly color: boolean;
  readonly debug: boolean;
  /** DUST_SERVER or DUST_API_URL; undefined: the login file's, else the local default. */
  readonly server: string | undefined;
  readonly token: string | undefined;
  readonly loginFile: string;
}

export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty = process.stdout.isTTY === true,
): CliConfig {
  const noColor = (env.NO_COLOR ?? '') !== '';
  const forceColor = (env.FORCE_COLOR ?? '') !== '' && env.FORCE_COLOR !== '0';
  return {
    color: !noColor && (forceColor || stdoutIsTty),
    debug: (env.DUST_DEBUG ?? '') !== '',
    server: env.DUST_SERVER || env.DUST_API_URL || undefined,
    token: env.DUST_TOKEN || undefined,
    loginFile: path.join(
      env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'),
      'dust',
      'config.json',
    ),
  };
}
