import { readConfig } from './config';

/** Where a command writes and reads; main() builds it from the process, tests may build their own. */
export interface CliIo {
  readonly color: boolean;
  readonly debug: boolean;
  /** The Dust server and token from the environment (see config.ts); the login file fills gaps. */
  readonly server: string | undefined;
  readonly token: string | undefined;
  readonly loginFile: string;
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  /** Standard input as bytes (mail is not always UTF-8). */
  readStdinBytes(): Promise<Buffer>;
}

async function readAll(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function processIo(): CliIo {
  // `dust syscalls | head` closes the pipe early: that ends the output, it is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const config = readConfig();
  return {
    ...config,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => (await readAll()).toString('utf8'),
    readStdinBytes: readAll,
  };
}
