// Reads strace's own syscall tables out of an installed strace binary.
//
// strace compiles one `struct_sysent` array per personality (x86_64, i386,
// x32 on an x86-64 build): {unsigned nargs; int sys_flags; int sen;
// int (*sys_func)(); const char *sys_name;}, 32 bytes on LP64, indexed by
// syscall number. In a position-independent executable the two pointers are
// R_X86_64_RELATIVE relocations whose addend is the target address, so the
// name of entry i is found through the relocation at table + 32·i + 24, and
// its flags are the int at table + 32·i + 4. A personality's table is found
// by a signature: a few numbers whose names identify it (x86_64: 0 read,
// 59 execve, 322 execveat; x32 has execve at 520; i386 has restart_syscall at
// 0 and execve at 11). The class bits are strace's TRACE_* values
// (src/sysent.h).
import { readFileSync } from 'node:fs';

export interface SysentRow {
  number: number;
  name: string;
  flags: number;
}

interface Section {
  name: string;
  type: number;
  addr: bigint;
  offset: number;
  size: number;
}

const SHT_NOBITS = 8;
const R_X86_64_RELATIVE = 8n;
const ENTRY_SIZE = 32;

function sections(elf: Buffer): Section[] {
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1)
    throw new Error('not a 64-bit little-endian ELF file');
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const shstrndx = elf.readUInt16LE(0x3e);
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      nameOffset: elf.readUInt32LE(at),
      type: elf.readUInt32LE(at + 4),
      addr: elf.readBigUInt64LE(at + 0x10),
      offset: Number(elf.readBigUInt64LE(at + 0x18)),
      size: Number(elf.readBigUInt64LE(at + 0x20)),
    };
  });
  const names = raw[shstrndx];
  if (!names) throw new Error('no section name table');
  return raw.map((s) => ({ ...s, name: cString(elf, names.offset + s.nameOffset) }));
}

function cString(elf: Buffer, offset: number): string {
  const end = elf.indexOf(0, offset);
  return elf.toString('latin1', offset, end);
}

/** Syscall numbers and their names that identify one personality's table. */
export type Signature = ReadonlyMap<number, string>;

/** Reads the syscall table whose entries match `signature`; throws unless exactly one does. */
export function readStraceSysent(binary: string, signature: Signature): SysentRow[] {
  const elf = readFileSync(binary);
  const all = sections(elf);
  const fileOffset = (addr: bigint): number | undefined => {
    const s = all.find(
      (x) => x.type !== SHT_NOBITS && addr >= x.addr && addr < x.addr + BigInt(x.size),
    );
    return s ? s.offset + Number(addr - s.addr) : undefined;
  };
  const rela = all.find((s) => s.name === '.rela.dyn');
  if (!rela) throw new Error('no .rela.dyn section: not a PIE strace build');
  // address of a pointer slot → the string it points to (syscall-name-like strings only)
  const names = new Map<bigint, string>();
  for (let at = rela.offset; at < rela.offset + rela.size; at += 24) {
    if ((elf.readBigUInt64LE(at + 8) & 0xffffffffn) !== R_X86_64_RELATIVE) continue;
    const target = fileOffset(elf.readBigInt64LE(at + 16));
    if (target === undefined) continue;
    const text = cString(elf, target);
    if (/^[a-z_][a-z0-9_]{0,40}$/.test(text)) names.set(elf.readBigUInt64LE(at), text);
  }
  const [firstNumber, firstName] = [...signature][0] ?? [];
  if (firstNumber === undefined) throw new Error('empty signature');
  const tables: SysentRow[][] = [];
  for (const [slot, name] of names) {
    if (name !== firstName) continue;
    const start = slot - 24n - BigInt(ENTRY_SIZE * firstNumber);
    const nameAt = (n: number) => names.get(start + 24n + BigInt(ENTRY_SIZE * n));
    if (![...signature].every(([n, expected]) => nameAt(n) === expected)) continue;
    const rows: SysentRow[] = [];
    // Tables hold gaps (unimplemented numbers); stop after a long run of them.
    for (let i = 0, gap = 0; gap < 64; i++) {
      const entry = start + BigInt(ENTRY_SIZE * i);
      const rowName = names.get(entry + 24n);
      const offset = fileOffset(entry);
      if (rowName === undefined || offset === undefined) {
        gap++;
        continue;
      }
      gap = 0;
      rows.push({ number: i, name: rowName, flags: elf.readInt32LE(offset + 4) });
    }
    tables.push(rows);
  }
  const [table, ...others] = tables;
  if (!table || others.length > 0)
    throw new Error(`${tables.length} tables in ${binary} match the signature, expected 1`);
  return table;
}
