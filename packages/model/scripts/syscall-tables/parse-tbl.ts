import type { RawSyscallRow } from './raw-row';

/**
 * Parses a kernel `syscall*.tbl` file (`<number> <abi> <name> [<entry> [<compat entry>]]`,
 * `#` comments) and keeps the rows of the given ABIs.
 *
 * `entryColumn` is the column (0-based) holding the native entry point: 3 for
 * x86, arm and powerpc; s390's table has `<entry64> <entry32>`, so s390x uses 3
 * as well. A row without an entry, or whose entry is `sys_ni_syscall` or `-`,
 * is a reserved or removed slot: it keeps its name and number, with entry null.
 */
export function parseSyscallTbl(
  text: string,
  abis: readonly string[],
  entryColumn = 3,
): RawSyscallRow[] {
  const wanted = new Set(abis);
  const rows: RawSyscallRow[] = [];
  for (const line of text.split('\n')) {
    const content = line.replace(/#.*/, '').trim();
    if (content === '') continue;
    const columns = content.split(/\s+/);
    const [numberText, abi, name] = columns;
    if (numberText === undefined || abi === undefined || name === undefined) {
      throw new Error(`malformed syscall table line: ${JSON.stringify(line)}`);
    }
    if (!wanted.has(abi)) continue;
    if (!/^\d+$/.test(numberText)) throw new Error(`bad syscall number in line: ${line}`);
    rows.push({ name, number: Number(numberText), abi, entry: entryPoint(columns[entryColumn]) });
  }
  return rows;
}

/** Reserved and removed slots have no entry point. */
export function entryPoint(symbol: string | undefined): string | null {
  if (symbol === undefined || symbol === '-' || symbol === 'sys_ni_syscall') return null;
  return symbol;
}
