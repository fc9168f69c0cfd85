import type { KernelVerdict } from '@dust/kernel';
import type { BuildJob } from '../../generated/prisma/client';

/** The API's view of a build job (dates as ISO strings, verdict details unpacked). */
export function describeBuild(job: BuildJob) {
  const verdict = (job.verdict ?? null) as KernelVerdict | null;
  const checkpatch = verdict?.checkpatch ?? null;
  return {
    id: job.id,
    status: job.status,
    runner: job.runner,
    externalUrl: job.externalUrl,
    reason: job.reason,
    attempts: job.attempts,
    // The job keeps each stage's name, status and time; the logs are in `log`.
    stages: job.stages as Pick<KernelVerdict['stages'][number], 'name' | 'status' | 'seconds'>[],
    checkpatch: checkpatch && { errors: checkpatch.errors, warnings: checkpatch.warnings },
    flags: verdict?.flags ?? null,
    log: job.log,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
