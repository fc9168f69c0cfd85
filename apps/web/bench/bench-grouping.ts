import { EMPTY_GROUPING, type Grouping, syscallNames } from '@dust/model';

/** A valid grouping of `count` flags sharing out the kernel's syscalls round-robin. */
export function benchGrouping(count: number): Grouping {
  const names = [...syscallNames('6.1')]
    .filter((n) => !['read', 'write', 'exit', 'rt_sigreturn', 'sigreturn'].includes(n))
    .sort();
  const flags = Array.from({ length: count }, (_, i) => ({
    name: `BENCH_FLAG_${i}`,
    bit: i,
    description: `Bench flag number ${i}`,
    syscalls: names.filter((_, k) => k % count === i),
  }));
  return { ...EMPTY_GROUPING, policy: { fork: 'inherit', exec: 'keep' }, flags };
}
