import { evaluateCExpression } from './evaluate-c-expression';
import type { RawSyscallRow } from './raw-row';

/**
 * Reads the syscall table of an arch that uses `include/uapi/asm-generic/unistd.h`
 * (arm64, riscv64) the way the C preprocessor would for that arch's native
 * (non-compat) ABI: starting from the arch's own `uapi/asm/unistd.h`, which sets
 * `__ARCH_WANT_*` and then includes the generic header.
 *
 * - `#if/#ifdef/#ifndef/#else/#elif/#endif`, `#define`, `#undef` are evaluated;
 *   `__BITS_PER_LONG` (and `__LP64__` on 64-bit) comes from `predefined`.
 * - `__SYSCALL(nr, entry)`, `__SC_COMP(nr, sys, compat)`, `__SC_3264(nr, e32, e64)`,
 *   `__SC_COMP_3264(nr, e32, e64, compat)` give each number its entry point, with
 *   the generic header's native meaning (no `__SYSCALL_COMPAT`): `__SC_COMP` picks
 *   `sys`, `__SC_3264` picks by `__BITS_PER_LONG`.
 * - Names are exactly the `__NR_<name>` macros userspace sees (so `__NR3264_fstat`
 *   becomes `fstat` on 64-bit arches and `fstat64` on 32-bit ones).
 * - A number whose entry is `sys_ni_syscall` (e.g. `nfsservctl`) gets entry null.
 *   Numbers no `__NR_*` names (the unassigned 295..402, arch-specific slots an
 *   arch does not use) have no row at all.
 */
export interface GenericUnistdInput {
  /** Text of arch/<arch>/include/uapi/asm/unistd.h. */
  archHeader: string;
  /** Text of include/uapi/asm-generic/unistd.h. */
  genericHeader: string;
  /** Macros the compiler or other headers define, e.g. `{ __BITS_PER_LONG: '64', __LP64__: '1' }`. */
  predefined: Record<string, string>;
}

const SYSCALL_MACROS = /\b(__SYSCALL|__SC_COMP_3264|__SC_COMP|__SC_3264)\s*\(([^)]*)\)/g;
/** `__NR_*` macros that are not syscalls. */
const NOT_SYSCALLS = new Set(['__NR_syscalls', '__NR_arch_specific_syscall']);

function logicalLines(text: string): string[] {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, '')
    .replace(/\\\n/g, ' ')
    .split('\n');
}

interface Conditional {
  parentActive: boolean;
  taken: boolean;
  active: boolean;
}

export function parseGenericUnistd(input: GenericUnistdInput): RawSyscallRow[] {
  const macros = new Map(Object.entries(input.predefined));
  const calls: { nrMacro: string; entry: string }[] = [];
  const bitsPerLong = () => evaluateCExpression('__BITS_PER_LONG', macros);

  const run = (text: string) => {
    const stack: Conditional[] = [];
    const active = () => stack.at(-1)?.active ?? true;
    for (const line of logicalLines(text)) {
      const directive = /^\s*#\s*(\w+)\s*(.*?)\s*$/.exec(line);
      if (directive) {
        const [, keyword = '', rest = ''] = directive;
        if (keyword === 'if' || keyword === 'ifdef' || keyword === 'ifndef') {
          const parentActive = active();
          const name = rest.split(/\s+/)[0] ?? '';
          const holds =
            keyword === 'if'
              ? evaluateCExpression(rest, macros) !== 0
              : keyword === 'ifdef'
                ? macros.has(name)
                : !macros.has(name);
          const value = parentActive && holds;
          stack.push({ parentActive, taken: value, active: value });
        } else if (keyword === 'elif' || keyword === 'else') {
          const top = stack.at(-1);
          if (!top) throw new Error(`#${keyword} without #if`);
          const holds = keyword === 'else' || evaluateCExpression(rest, macros) !== 0;
          top.active = top.parentActive && !top.taken && holds;
          top.taken ||= top.active;
        } else if (keyword === 'endif') {
          if (!stack.pop()) throw new Error('#endif without #if');
        } else if (!active()) {
        } else if (keyword === 'define') {
          const match = /^(\w+)(\([^)]*\))?\s*(.*)$/.exec(rest);
          if (!match?.[1]) throw new Error(`cannot read #define ${rest}`);
          macros.set(match[1], match[2] ? '' : (match[3] ?? ''));
        } else if (keyword === 'undef') {
          macros.delete(rest);
        } else if (keyword === 'include') {
          if (rest === '<asm-generic/unistd.h>') run(input.genericHeader);
        }
        continue;
      }
      if (!active()) continue;
      for (const [, macro, argsText = ''] of line.matchAll(SYSCALL_MACROS)) {
        const args = argsText.split(',').map((arg) => arg.trim());
        const [nrMacro = '', a = '', b = ''] = args;
        const entry =
          macro === '__SC_3264' || macro === '__SC_COMP_3264' ? (bitsPerLong() === 32 ? a : b) : a;
        calls.push({ nrMacro, entry });
      }
    }
    if (stack.length > 0) throw new Error('unterminated #if');
  };
  run(input.archHeader);

  const entryByNumber = new Map<number, string>();
  for (const call of calls)
    entryByNumber.set(evaluateCExpression(call.nrMacro, macros), call.entry);

  const rows: RawSyscallRow[] = [];
  for (const [macro, body] of macros) {
    if (!macro.startsWith('__NR_') || NOT_SYSCALLS.has(macro) || body.trim() === '') continue;
    const number = evaluateCExpression(body, macros);
    const entry = entryByNumber.get(number);
    if (entry === undefined) throw new Error(`${macro} = ${number} has no __SYSCALL entry`);
    rows.push({
      name: macro.slice('__NR_'.length),
      number,
      abi: 'common',
      entry: entry === 'sys_ni_syscall' ? null : entry,
    });
  }
  return rows.sort((x, y) => x.number - y.number);
}
