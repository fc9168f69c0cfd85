import type { BuildJob } from '../../generated/prisma/client';

type Verdict = {
  checkpatch?: { errors: number; warnings: number };
  flags?: { name: string; status: string; detail?: string }[];
};

/** The API's view of a build job (dates as ISO strings, verdict details unpacked). */
export function describeBuild(job: BuildJob) {
  const verdict = (job.verdict ?? null) as Verdict | null;
  return {
    id: job.id,
    status: job.status,
    runner: job.runner,
    externalUrl: job.externalUrl,
    reason: job.reason,
    attempts: job.attempts,
    stages: job.stages as { name: string; status: string; seconds: number }[],
    checkpatch: verdict?.checkpatch ?? null,
    flags: verdict?.flags ?? null,
    log: job.log,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
