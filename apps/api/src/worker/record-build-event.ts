import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** Build state changes go to the append-only audit log like every other state change. */
export async function recordBuildEvent(
  prisma: PrismaClient,
  type:
    | 'build.started'
    | 'build.finished'
    | 'build.requeued'
    | 'build.published'
    | 'build.released',
  job: { id: number; releaseId: number },
  data: Record<string, unknown>,
): Promise<void> {
  await prisma.event.create({
    data: {
      type,
      releaseId: job.releaseId,
      data: { jobId: job.id, ...data } as Prisma.InputJsonValue,
    },
  });
}
