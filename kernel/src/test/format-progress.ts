import type { KernelTestProgress } from './types';

/** One terminal line per progress event: `[  12.3s] build: 150 files compiled (kernel/fork.o)`. */
export function formatProgress(p: KernelTestProgress): string {
  const time = `[${p.seconds.toFixed(1).padStart(6)}s]`;
  if (p.event === 'start') return `${time} ${p.stage}…`;
  if (p.event === 'end')
    return `${time} ${p.stage} ${p.status}${p.message ? `: ${p.message}` : ''}`;
  return `${time} ${p.stage}: ${p.message ?? ''}`;
}
