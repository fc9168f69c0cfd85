import { spawn } from 'node:child_process';

export interface CommandResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved, at most the last `keepBytes`. */
  output: string;
  /** stdout alone (complete), for commands whose output is data. */
  stdout: string;
  seconds: number;
  timedOut: boolean;
  /** Ended (or never started) because the signal aborted. */
  aborted: boolean;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the whole process group after this many seconds. */
  timeoutSeconds?: number;
  /** Called per complete output line (stdout and stderr). */
  onLine?: (line: string) => void;
  keepBytes?: number;
  /**
   * Kill the whole process group when this aborts: a build worker that lost its job's
   * lease or is shutting down must not leave make or QEMU running beside the next run.
   */
  signal?: AbortSignal;
}

/**
 * Runs a command in its own process group (so a timeout or an abort kills make's
 * or QEMU's children too) and never throws for a failing command: callers decide.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  opts: CommandOptions = {},
): Promise<CommandResult> {
  const keep = opts.keepBytes ?? 64 * 1024;
  const started = performance.now();
  return new Promise((resolve) => {
    if (opts.signal?.aborted) {
      resolve({
        code: null,
        signal: null,
        output: `${command}: not started, the run was aborted\n`,
        stdout: '',
        seconds: 0,
        timedOut: false,
        aborted: true,
      });
      return;
    }
    let output = '';
    let stdout = '';
    let partial = '';
    let timedOut = false;
    let aborted = false;
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const onData = (isStdout: boolean) => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (isStdout) stdout += text;
      output += text;
      if (output.length > keep * 2) output = output.slice(-keep);
      if (opts.onLine) {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) opts.onLine(line);
      }
    };
    child.stdout.on('data', onData(true));
    child.stderr.on('data', onData(false));
    const timer =
      opts.timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup(child.pid);
          }, opts.timeoutSeconds * 1000);
    const onAbort = () => {
      aborted = true;
      killGroup(child.pid);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (partial && opts.onLine) opts.onLine(partial);
      if (error) output += `\n${command}: ${error.message}\n`;
      resolve({
        code,
        signal,
        output: output.slice(-keep),
        stdout,
        seconds: (performance.now() - started) / 1000,
        timedOut,
        aborted,
      });
    };
    child.on('error', (error) => finish(127, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function commandFailed(result: CommandResult): boolean {
  return result.code !== 0 || result.timedOut || result.aborted;
}

/** The last lines of a command's output, for a stage log. */
export function tailLines(text: string, lines = 60): string {
  return text.split('\n').slice(-lines).join('\n').trim();
}
