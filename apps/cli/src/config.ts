/**
 * The one place the CLI reads the environment.
 * - NO_COLOR (https://no-color.org): any non-empty value turns colours off.
 * - FORCE_COLOR: non-empty and not "0" turns colours on without a TTY.
 * - DUST_DEBUG: non-empty prints the stack of an internal error.
 * - DUST_API_URL, DUST_TOKEN: the Dust API and an API token, for `dust mail`.
 */
export interface CliConfig {
  readonly color: boolean;
  readonly debug: boolean;
  readonly apiUrl: string;
  readonly token: string | undefined;
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
    apiUrl: env.DUST_API_URL || 'http://127.0.0.1:3001',
    token: env.DUST_TOKEN || undefined,
  };
}
