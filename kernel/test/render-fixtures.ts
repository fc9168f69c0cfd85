import type { Grouping } from '@dust/model';

/** A hand-written grouping covering both policies' needs: several flags, shared syscalls, gaps in bits. */
export const SMALL: Grouping = {
  schema: 'dust.grouping/v1',
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'reset-to-base' },
  flags: [
    {
      name: 'FILE_READ',
      bit: 0,
      description: 'Open, stat and read files',
      syscalls: ['openat', 'close', 'fstat', 'newfstatat', 'fstat64', 'fstatat64', 'lseek'],
    },
    {
      name: 'PROCESS',
      bit: 3,
      description: 'Create and reap child processes',
      syscalls: ['clone', 'fork', 'wait4', 'execve', 'getpid', 'close'],
    },
    {
      name: 'TIME',
      bit: 31,
      description: 'Read clocks',
      syscalls: ['clock_gettime', 'clock_gettime64', 'gettimeofday'],
    },
  ],
};

export const BASE_ONLY: Grouping = {
  schema: 'dust.grouping/v1',
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'keep' },
  flags: [],
};

/** SMALL with one flag more and one syscall more: a typical next release. */
export const SMALL_NEXT: Grouping = {
  ...SMALL,
  flags: [
    ...SMALL.flags.map((f) =>
      f.name === 'TIME' ? { ...f, syscalls: [...f.syscalls, 'nanosleep'] } : f,
    ),
    { name: 'IDENTITY', bit: 4, description: 'Learn who we are', syscalls: ['getuid', 'getgid'] },
  ],
};

/** Splits an mbox into messages at git format-patch's `From <id> Mon Sep 17 …` lines. */
export function splitMbox(mbox: string): string[] {
  return mbox.split(/^(?=From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$)/m).filter((m) => m !== '');
}

/** Headers (name → value) and body of one message. */
export function parseMessage(message: string): { headers: Map<string, string>; body: string } {
  const end = message.indexOf('\n\n');
  const headers = new Map<string, string>();
  for (const line of message.slice(0, end).split('\n').slice(1)) {
    const colon = line.indexOf(': ');
    headers.set(line.slice(0, colon), line.slice(colon + 2));
  }
  return { headers, body: message.slice(end + 2) };
}

/**
 * The commit message of a patch as git mailinfo reads it: the body up to the
 * first line that starts the patch (`---` alone or before a space and text,
 * `diff -`, `Index: `).
 */
export function commitMessage(body: string): string[] {
  const lines = body.split('\n');
  const end = lines.findIndex(
    (l) => /^---(\s|$)/.test(l) || l.startsWith('diff -') || l.startsWith('Index: '),
  );
  return lines.slice(0, end);
}

/**
 * The post-image lines of each file's hunks (context and added lines):
 * `path → lines`; for a new file, its whole content.
 */
export function postImage(patch: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of patch.split('\n')) {
    const header = /^\+\+\+ b\/(.+)$/.exec(line);
    if (header) {
      current = [];
      files.set(header[1] as string, current);
    } else if (line.startsWith('diff --git ')) current = undefined;
    else if (current && (line.startsWith('+') || line.startsWith(' '))) current.push(line.slice(1));
  }
  return files;
}

export interface LexedC {
  /** The source with comments removed and string/char literals emptied. */
  code: string;
  /** Comment and literal text, in order. */
  comments: string[];
  /** True when the source ends inside a comment or literal. */
  unterminated: boolean;
}

/** A tiny C lexer: enough to tell comments and literals from code. */
export function lexC(source: string): LexedC {
  let code = '';
  const comments: string[] = [];
  let i = 0;
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    if (two === '/*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) return { code, comments, unterminated: true };
      comments.push(source.slice(i + 2, end));
      code += ' ';
      i = end + 2;
    } else if (two === '//') {
      let end = source.indexOf('\n', i);
      while (end > 0 && source[end - 1] === '\\') end = source.indexOf('\n', end + 1);
      if (end < 0) end = source.length;
      comments.push(source.slice(i + 2, end));
      i = end;
    } else if (source[i] === '"' || source[i] === "'") {
      const quote = source[i];
      let j = i + 1;
      while (j < source.length && source[j] !== quote && source[j] !== '\n') {
        j += source[j] === '\\' ? 2 : 1;
      }
      if (source[j] !== quote) return { code, comments, unterminated: true };
      comments.push(source.slice(i + 1, j));
      code += `${quote}${quote}`;
      i = j + 1;
    } else {
      code += source[i];
      i++;
    }
  }
  return { code, comments, unterminated: false };
}
