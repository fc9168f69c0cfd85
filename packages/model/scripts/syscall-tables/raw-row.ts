/** One row as the importer reads it; same shape as `SyscallRow` in src/syscalls/tables.ts. */
export interface RawSyscallRow {
  name: string;
  number: number;
  abi: string;
  entry: string | null;
}
