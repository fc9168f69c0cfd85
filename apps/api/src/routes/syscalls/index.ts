import { ARCHES, baseSyscallsFor, familyOf, getSyscallTable, KERNELS } from '@dust/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getBaseline } from '../../domain/get-baseline';

const SyscallsResponseSchema = z.object({
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

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/syscalls',
    {
      schema: {
        tags: ['groupings'],
        summary: "A kernel's syscall table for one arch, with each syscall's flags in the baseline",
        querystring: z.strictObject({
          kernel: z.enum(KERNELS).default('6.1'),
          arch: z.enum(ARCHES).default('x86_64'),
        }),
        response: { 200: SyscallsResponseSchema },
      },
    },
    async (request) => {
      const { kernel, arch } = request.query;
      const { release, grouping } = await getBaseline(app.prisma);
      const flagsOf = new Map<string, string[]>();
      for (const flag of grouping.kernel === kernel ? grouping.flags : []) {
        for (const name of flag.syscalls)
          flagsOf.set(name, [...(flagsOf.get(name) ?? []), flag.name]);
      }
      const base = new Set(baseSyscallsFor(arch));
      const table = getSyscallTable(kernel, arch) ?? [];
      return {
        kernel,
        arch,
        baselineRelease: release.number,
        syscalls: table.map((row) => ({
          name: row.name,
          number: row.number,
          abi: row.abi,
          implemented: row.entry !== null,
          base: base.has(row.name),
          family: familyOf(row.name)?.call ?? null,
          flags: flagsOf.get(row.name) ?? [],
        })),
      };
    },
  );
};

export default routes;
