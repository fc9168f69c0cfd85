import type { Grouping } from '@dust/model';

/**
 * The slice of @dust/kernel's test harness the worker depends on (docs/contracts.md),
 * as a function type so tests can inject their own and production passes the real one.
 */
export interface KernelStage {
  name: string;
  status: string;
  seconds: number;
  log?: string;
}

export interface KernelVerdictLike {
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
  stages: KernelStage[];
  /** null when checkpatch never ran: what was not measured is not zero. */
  checkpatch: { errors: number; warnings: number } | null;
  flags: { name: string; status: string; detail?: string }[];
}

export interface SeriesLike {
  version: number | string;
  files: { name: string; content: string }[];
  mbox: string;
}

export interface KernelTestRequest {
  grouping: Grouping;
  series: SeriesLike;
  signal: AbortSignal;
}

export type KernelTestFn = (request: KernelTestRequest) => Promise<KernelVerdictLike>;
