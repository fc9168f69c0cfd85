import { SyscallsQuerySchema, SyscallsResponseSchema } from '@dust/contract';
import { baseSyscallsFor, familyOf, getSyscallTable } from '@dust/model';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getBaseline } from '../../domain/get-baseline';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/syscalls',
    {
      schema: {
        tags: ['groupings'],
        summary: "A kernel's syscall table for one arch, with each syscall's flags in the baseline",
        querystring: SyscallsQuerySchema,
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
