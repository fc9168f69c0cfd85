// Health, the syscall tables and stand-alone validation: routes about the service
// and the model rather than about proposals.
import { ARCHES, GroupingSchema, KERNELS } from '@dust/model';
import { z } from 'zod';
import { INT4_MAX } from './common';

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  db: z.enum(['pglite', 'postgres']),
});

export const SyscallsQuerySchema = z.strictObject({
  kernel: z.enum(KERNELS).default('6.1'),
  arch: z.enum(ARCHES).default('x86_64'),
});

export const SyscallsResponseSchema = z.object({
  kernel: z.string(),
  arch: z.string(),
  baselineRelease: z.number().int().describe('The release whose flags are listed per syscall.'),
  syscalls: z.array(
    z.object({
      name: z.string(),
      number: z.number().int(),
      abi: z.string(),
      implemented: z.boolean().describe('False for reserved or removed slots.'),
      base: z.boolean().describe('Always allowed (strict mode set).'),
      family: z
        .string()
        .nullable()
        .describe('The call this name is a variant of (fstat, clock_gettime…).'),
      flags: z.array(z.string()).describe('Baseline flags that permit it.'),
    }),
  ),
});

export const ValidateBodySchema = z.strictObject({
  grouping: z
    .unknown()
    .describe('A grouping document (dust.grouping/v1); anything is accepted and diagnosed.'),
  baseline: z
    .union([z.literal('current'), z.number().int().min(0).max(INT4_MAX), GroupingSchema])
    .optional()
    .describe(
      'Also check compatibility against: "current" (the baseline), a release number, or a grouping.',
    ),
});
