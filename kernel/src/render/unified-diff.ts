import { ABBREV, gitBlobId } from './git-blob';
import type { Edit, FileChange } from './types';

export interface FileDiff {
  path: string;
  created: boolean;
  insertions: number;
  deletions: number;
  /** The `diff --git` section of this file, ending with a newline. */
  text: string;
}

function toLines(text: string, what: string): string[] {
  if (text !== '' && !text.endsWith('\n')) throw new Error(`${what} must end with a newline`);
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: string[];
  insertions: number;
  deletions: number;
}

/**
 * The line operations turning `a` into `b` along a longest common subsequence
 * (as small as `git diff`'s); within a change, deletions come first.
 */
function lineOps(a: string[], b: string[]): string[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  const at = (i: number, j: number) => lcs[i]?.[j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      (lcs[i] as number[])[j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const ops: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push(` ${a[i++]}`);
      j++;
    } else if (i < a.length && (j >= b.length || at(i + 1, j) >= at(i, j + 1))) {
      ops.push(`-${a[i++]}`);
    } else {
      ops.push(`+${b[j++]}`);
    }
  }
  return ops;
}

/** One hunk from one edit: `before` and `after` diffed line by line. */
function hunkOf(edit: Edit, delta: number, path: string): Hunk {
  const before = toLines(edit.before, `${path}:${edit.line} before`);
  const after = toLines(edit.after, `${path}:${edit.line} after`);
  const lines = lineOps(before, after);
  const insertions = lines.filter((l) => l.startsWith('+')).length;
  const deletions = lines.filter((l) => l.startsWith('-')).length;
  if (insertions + deletions === 0) throw new Error(`${path}:${edit.line}: edit changes nothing`);
  return {
    oldStart: edit.line,
    oldCount: before.length,
    newStart: edit.line + delta,
    newCount: after.length,
    lines,
    insertions,
    deletions,
  };
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function modifiedFileDiff(path: string, edits: Edit[]): FileDiff {
  const sorted = [...edits].sort((a, b) => a.line - b.line);
  const hunks: Hunk[] = [];
  let delta = 0;
  let oldEnd = 0;
  for (const edit of sorted) {
    if (edit.line <= oldEnd) throw new Error(`${path}:${edit.line}: edits overlap`);
    const hunk = hunkOf(edit, delta, path);
    hunks.push(hunk);
    delta += hunk.newCount - hunk.oldCount;
    oldEnd = hunk.oldStart + hunk.oldCount - 1;
  }
  const body = hunks.flatMap((h) => [
    `@@ -${range(h.oldStart, h.oldCount)} +${range(h.newStart, h.newCount)} @@`,
    ...h.lines,
  ]);
  return {
    path,
    created: false,
    insertions: hunks.reduce((n, h) => n + h.insertions, 0),
    deletions: hunks.reduce((n, h) => n + h.deletions, 0),
    text: [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`, ...body, ''].join(
      '\n',
    ),
  };
}

function newFileDiff(path: string, content: string): FileDiff {
  const lines = toLines(content, path);
  if (lines.length === 0) throw new Error(`${path}: a new file must not be empty`);
  const id = gitBlobId(content).slice(0, ABBREV);
  return {
    path,
    created: true,
    insertions: lines.length,
    deletions: 0,
    text: [
      `diff --git a/${path} b/${path}`,
      'new file mode 100644',
      `index ${'0'.repeat(ABBREV)}..${id}`,
      '--- /dev/null',
      `+++ b/${path}`,
      `@@ -0,0 +${range(1, lines.length)} @@`,
      ...lines.map((l) => `+${l}`),
      '',
    ].join('\n'),
  };
}

/**
 * The unified diff of one file change. Modified files carry no `index` line:
 * the renderer holds only the hunks' context of the Linux 6.1 originals, not
 * the whole files whose blob ids the line would need; `git am` applies by
 * context. New files get their real blob id.
 */
export function fileDiff(change: FileChange): FileDiff {
  return change.kind === 'new'
    ? newFileDiff(change.path, change.content)
    : modifiedFileDiff(change.path, change.edits);
}
