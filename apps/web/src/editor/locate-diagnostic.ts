// Turns a diagnostic's JSON Pointer (RFC 6901) into the editor control it concerns,
// so that clicking a diagnostic selects the flag and focuses the field.

export type DiagnosticTarget =
  | {
      kind: 'flag';
      flag: number;
      field: 'name' | 'bit' | 'description' | 'syscalls' | null;
      syscall: number | null;
    }
  | { kind: 'policy'; field: 'fork' | 'exec' | null }
  | { kind: 'document' };

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function index(segment: string | undefined): number | null {
  return segment !== undefined && /^\d+$/.test(segment) ? Number(segment) : null;
}

export function locateDiagnostic(pointer: string): DiagnosticTarget {
  const [head, second, third, fourth] = parsePointer(pointer);
  if (head === 'flags') {
    const flag = index(second);
    if (flag === null) return { kind: 'document' };
    const field =
      third === 'name' || third === 'bit' || third === 'description' || third === 'syscalls'
        ? third
        : null;
    return { kind: 'flag', flag, field, syscall: field === 'syscalls' ? index(fourth) : null };
  }
  if (head === 'policy') {
    return { kind: 'policy', field: second === 'fork' || second === 'exec' ? second : null };
  }
  return { kind: 'document' };
}
