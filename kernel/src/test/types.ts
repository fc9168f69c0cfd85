import type { Grouping } from '@dust/model';

/** Stages of a kernel test, in the order they run. */
export const STAGE_NAMES = [
  'prepare',
  'apply',
  'checkpatch',
  'configure',
  'build',
  'initramfs',
  'boot',
  'bisect',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Stages a run may leave out (`dust kernel-test --skip bisect`); the others make the verdict. */
export const SKIPPABLE_STAGES = ['bisect'] as const;
export type SkippableStage = (typeof SKIPPABLE_STAGES)[number];

export type StageStatus = 'passed' | 'failed' | 'skipped';

export interface StageResult {
  name: StageName;
  status: StageStatus;
  seconds: number;
  /** Tail of the stage's output: always for failures and for the boot console. */
  log?: string;
}

export interface CheckpatchPatchResult {
  patch: string;
  errors: number;
  warnings: number;
  checks: number;
  /** The ERROR/WARNING lines checkpatch printed for this patch. */
  messages: string[];
}

export interface CheckpatchSummary {
  errors: number;
  warnings: number;
  perPatch: CheckpatchPatchResult[];
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check of the boot test: scope is a flag name, `mode` or `policy`. */
export interface BootCheck {
  scope: string;
  check: string;
  status: CheckStatus;
  detail?: string;
}

/** Per-flag summary: failed when any of the flag's checks failed. */
export interface FlagResult {
  name: string;
  status: CheckStatus;
  detail?: string;
}

/**
 * The one verdict type of Dust: what the kernel test returns, `dust kernel-test --json`
 * prints, the GitHub workflow posts back and a build job stores. Its wire schema is
 * KernelVerdictSchema in @dust/contract, checked against this type at compile time.
 */
export interface KernelVerdict {
  status: 'passed' | 'failed' | 'skipped';
  /** Why the run failed or was skipped (the first failing stage or check). */
  reason?: string;
  stages: StageResult[];
  /** null when checkpatch never ran (a GitHub conclusion): what was not measured is not zero. */
  checkpatch: CheckpatchSummary | null;
  flags: FlagResult[];
  /** Every boot-test check, including the mode-wide and fork/exec policy checks. */
  checks: BootCheck[];
  /** Where the run's files were kept (with `keep`). */
  workDir?: string;
}

export interface KernelTestProgress {
  stage: StageName;
  event: 'start' | 'end' | 'info';
  status?: StageStatus;
  seconds: number;
  message?: string;
}

/** A rendered series as `renderSeries` returns it (only the files are needed). */
export interface SeriesFiles {
  files: readonly { name: string; content: string }[];
}

export interface KernelTestOptions {
  /** The grouping under test; needed for the boot test. Read from `grouping.json` in seriesDir when absent. */
  grouping?: Grouping;
  /** A rendered series. */
  series?: SeriesFiles;
  /** A directory holding a rendered series (`NNNN-*.patch`). */
  seriesDir?: string;
  /** The prepared kernel tree (default: the cache tree kernel:setup builds). */
  tree?: string;
  /** Keep the work directory (patches, initramfs, console log) and report it. */
  keep?: boolean;
  onProgress?: (progress: KernelTestProgress) => void;
  /** Boot timeout for QEMU, in seconds (default 120). */
  timeoutSeconds?: number;
  /** Stages to leave out; they are reported as skipped. */
  skip?: readonly SkippableStage[];
  /**
   * Aborting ends the running stage's process group (make, QEMU…) and the test, which
   * then fails with the reason: a worker that lost its lease stops building at once.
   */
  signal?: AbortSignal;
}
