import { kernelTest } from '@dust/kernel';
import type { KernelTestFn } from './kernel-test-types';

/**
 * The production harness: `dust kernel-test` as a library (apply, checkpatch, build,
 * boot under QEMU) on the prepared tree (`tree`, default: the cache tree that
 * `npm run kernel:setup` builds). It reports `skipped` with the reason when the
 * toolchain or the tree is missing, which the worker stores like any verdict.
 */
export function createRealKernelTest(opts: { tree?: string } = {}): KernelTestFn {
  // The signal ends the running make or QEMU when the lease is lost or the worker stops,
  // so a job re-queued to another worker is never built twice at once.
  return ({ grouping, series, signal }) => kernelTest({ grouping, series, signal, ...opts });
}

export const realKernelTest: KernelTestFn = createRealKernelTest();
