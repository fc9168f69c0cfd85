import { execFile } from 'node:child_process';
import { CliError } from './cli-error';

/** Output of `systemd-analyze syscall-filter` (the groups this systemd knows). */
export function runSystemdAnalyze(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'systemd-analyze',
      ['syscall-filter'],
      { timeout: 30_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        reject(
          new CliError(
            code === 'ENOENT'
              ? 'systemd-analyze is not installed; pass its saved output as FILE instead'
              : `systemd-analyze syscall-filter failed: ${error.message.split('\n')[0]}`,
          ),
        );
      },
    );
  });
}
