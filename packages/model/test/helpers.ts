import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, Flag, Grouping } from '../src/index';

/** A valid grouping that draws no diagnostic at all. */
export function goodGrouping(): Grouping {
  return {
    schema: 'dust.grouping/v1',
    kernel: '6.1',
    policy: { fork: 'inherit', exec: 'keep' },
    flags: [
      {
        name: 'FILE_READ',
        bit: 0,
        description: 'Open, stat and read files',
        syscalls: [
          'openat',
          'close',
          'pread64',
          'readv',
          'fstat',
          'fstat64',
          'newfstatat',
          'fstatat64',
          'lseek',
          '_llseek',
        ],
      },
      {
        name: 'PROCESS',
        bit: 1,
        description: 'Run programs and wait for them',
        syscalls: ['execve', 'execveat', 'wait4', 'exit_group', 'getpid'],
      },
      {
        name: 'NET',
        bit: 3,
        description: 'Sockets',
        syscalls: ['socket', 'connect', 'sendmsg', 'recvmsg'],
      },
    ],
  };
}

export function flag(
  name: string,
  bit: number,
  syscalls: string[],
  description = `${name} flag`,
): Flag {
  return { name, bit, description, syscalls };
}

export function grouping(
  flags: Flag[],
  policy: Grouping['policy'] = { fork: 'inherit', exec: 'keep' },
): Grouping {
  return { schema: 'dust.grouping/v1', kernel: '6.1', policy, flags };
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

export function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
}

export function systemdGrouping(): Grouping {
  return JSON.parse(fixtureText('systemd.grouping.json')) as Grouping;
}

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
