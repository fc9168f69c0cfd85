import type { Grouping } from '@dust/model';

export interface Author {
  name: string;
  email: string;
}

export interface RenderOptions {
  /** The grouping to render; must be valid (validateGrouping). */
  grouping: Grouping;
  /** The previous release's grouping: the cover letter lists the changes since it. */
  previous?: Grouping;
  /** Series version, the N of `[PATCH vN …]` (default 1). */
  version?: number;
  /** Release number of the baseline this series renders (default 0); feeds dates and ids. */
  release?: number;
  /**
   * Trailer lines (`Signed-off-by: Name <email>`, `Acked-by: …`, `Reviewed-by: …`).
   * Default: the author's Signed-off-by. Pass `[]` for none (checkpatch then errors).
   */
  trailers?: string[];
  /** Patch author (default: the Dust identity). */
  author?: Author;
  /** RFC 3339 date of the series (default: derived from release and version). */
  date?: string;
}

export interface SeriesFile {
  name: string;
  content: string;
}

export interface Series {
  version: number;
  /** `0000-cover-letter.patch`, then one numbered `.patch` file per patch, in kernel order. */
  files: SeriesFile[];
  /**
   * The patches as one mbox that plain `git am` applies. The cover letter is
   * left out (git am stops at a message without a diff); it is files[0].
   */
  mbox: string;
}

/** One file's change inside a patch. */
export type FileChange =
  | { kind: 'new'; path: string; content: string }
  | { kind: 'modify'; path: string; edits: Edit[] };

/**
 * A replacement of lines of a Linux 6.1 file: `before` are the original lines
 * starting at line `line` (1-based), `after` what they become. Lines common to
 * the start and end of both are the hunk's context.
 */
export interface Edit {
  line: number;
  before: string;
  after: string;
}

/** One patch of the series before it is formatted as an email. */
export interface PatchSpec {
  /** Subject without the `[PATCH …]` prefix, e.g. `seccomp: add the flags mode`. */
  subject: string;
  /** Commit message body (paragraphs, already wrapped, no trailers). */
  body: string;
  changes: FileChange[];
}
