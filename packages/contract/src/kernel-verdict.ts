// The kernel test's verdict on the wire: what `dust kernel-test --json` prints, what
// the GitHub workflow posts back, what a build job stores. The type is @dust/kernel's
// KernelVerdict; this schema is checked against it both ways at compile time, so the
// two cannot drift. Type-only import: the kernel's node-only code never reaches here.
import type { KernelVerdict } from '@dust/kernel/test/types';
import { z } from 'zod';

const TestStatusSchema = z.enum(['passed', 'failed', 'skipped']);

export const StageResultSchema = z.strictObject({
  name: z.enum([
    'prepare',
    'apply',
    'checkpatch',
    'configure',
    'build',
    'initramfs',
    'boot',
    'bisect',
  ]),
  status: TestStatusSchema,
  seconds: z.number().min(0),
  log: z.string().optional(),
});

export const FlagResultSchema = z.strictObject({
  name: z.string().max(64),
  status: TestStatusSchema,
  detail: z.string().max(2000).optional(),
});

export const CheckpatchSummarySchema = z.strictObject({
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  perPatch: z
    .array(
      z.strictObject({
        patch: z.string().max(200),
        errors: z.number().int().min(0),
        warnings: z.number().int().min(0),
        checks: z.number().int().min(0),
        messages: z.array(z.string().max(2000)).max(500),
      }),
    )
    .max(100)
    .default([]),
});

export const KernelVerdictSchema = z.strictObject({
  status: TestStatusSchema,
  reason: z.string().max(2000).optional(),
  stages: z.array(StageResultSchema).max(50),
  checkpatch: CheckpatchSummarySchema.nullable().describe('null when checkpatch did not run.'),
  flags: z.array(FlagResultSchema).max(64),
  checks: z
    .array(
      z.strictObject({
        scope: z.string().max(64),
        check: z.string().max(200),
        status: TestStatusSchema,
        detail: z.string().max(2000).optional(),
      }),
    )
    .max(2000)
    .default([]),
  workDir: z.string().max(500).optional(),
}) satisfies z.ZodType<KernelVerdict>;

type WireVerdict = z.output<typeof KernelVerdictSchema>;
/** Compiles only while every KernelVerdict also fits the schema (the other direction)… */
type Fits<A extends B, B> = A;
export type KernelVerdictFitsSchema = Fits<KernelVerdict, WireVerdict>;
/** …and while both name the same fields: a new optional field would otherwise slip by. */
type IsTrue<T extends true> = T;
export type KernelVerdictFieldsMatch = IsTrue<
  [
    Exclude<keyof KernelVerdict, keyof WireVerdict>,
    Exclude<keyof WireVerdict, keyof KernelVerdict>,
  ] extends [never, never]
    ? true
    : false
>;
