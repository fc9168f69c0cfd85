import { readFile, stat } from 'node:fs/promises';
import { type Grouping, GroupingSchema } from '@dust/model/grouping';
import { CliError } from './cli-error';
import type { CliIo } from './io';
import { terminalSafe } from './terminal-text';

/** Larger inputs are refused before reading: a grouping is kilobytes, 100 000 entries about 2 MB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const displayName = (path: string) => (path === '-' ? 'standard input' : terminalSafe(path));

/** Reads a file (or stdin for "-") as UTF-8 text; failures become one-line CliErrors. */
export async function readText(path: string, io: CliIo): Promise<string> {
  if (path === '-') return io.readStdin();
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${displayName(path)} is a directory, not a file`);
    if (info.size > MAX_INPUT_BYTES) {
      throw new CliError(
        `${displayName(path)} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`,
      );
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${displayName(path)}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return terminalSafe(error instanceof Error ? error.message : String(error));
}

/** Reads and parses a JSON document; malformed JSON is a CliError naming the file. */
export async function readJson(path: string, io: CliIo): Promise<unknown> {
  const text = await readText(path, io);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : String(error);
    throw new CliError(`${displayName(path)} is not valid JSON: ${terminalSafe(reason, 160)}`);
  }
}

/**
 * Reads a document that must be a grouping (a baseline, a diff or rebase
 * input). Only the structure is required; rule violations are `dust validate`'s job.
 */
export async function readGrouping(path: string, io: CliIo, role: string): Promise<Grouping> {
  const parsed = GroupingSchema.safeParse(await readJson(path, io));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at /${issue.path.join('/')}` : '';
  throw new CliError(
    `${role} ${displayName(path)} is not a dust.grouping/v1 document${terminalSafe(where, 80)}: ${terminalSafe(issue?.message ?? 'invalid', 120)} (see dust validate)`,
  );
}
