import { kernelTest } from '@dust/kernel';
import type { KernelTestFn } from './kernel-test-types';

/**
 * The production harness: `dust kernel-test` as a library (apply, checkpatch, build,
 * boot under QEMU). It reports `skipped` with the reason when the toolchain or the
 * prepared tree is missing, which the worker stores like any verdict.
 */
export const realKernelTest: KernelTestFn = ({ grouping, series }) =>
  kernelTest({ grouping, series });
