import type { KernelVerdict } from '@dust/kernel';
import type { Grouping } from '@dust/model';

/**
 * The slice of @dust/kernel's test harness the worker depends on (docs/contracts.md),
 * as a function type so tests can inject their own and production passes the real one.
 * The verdict is the kernel's own KernelVerdict.
 */
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

export type KernelTestFn = (request: KernelTestRequest) => Promise<KernelVerdict>;
