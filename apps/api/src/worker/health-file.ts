import { writeFile } from 'node:fs/promises';
import type { PrismaClient } from '../generated/prisma/client';

export interface HealthFile {
  stop(): void;
}

/**
 * The worker process has no HTTP server to probe, so it proves it is alive by
 * touching a file: every `intervalMs`, after a query on the database succeeded.
 * A timer of its own, apart from the build loop, because a kernel build keeps
 * the loop busy for minutes while the process is perfectly healthy. The
 * container's healthcheck (scripts/check-health-file.mjs) reads the file's age.
 */
export function startHealthFile(
  prisma: PrismaClient,
  file: string,
  intervalMs: number,
  log: { error(obj: object, msg: string): void },
): HealthFile {
  const beat = async () => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      await writeFile(file, `${new Date().toISOString()}\n`);
    } catch (err) {
      log.error({ err, file }, 'health beat failed');
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
