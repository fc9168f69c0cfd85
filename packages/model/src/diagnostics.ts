import { z } from 'zod';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** Codes from docs/design.md ("Diagnostics" and "Compatibility: groups only ever grow"). */
export const DIAGNOSTIC_CODES = [
  'SCHEMA',
  'KERNEL_UNSUPPORTED',
  'FLAG_NAME_INVALID',
  'FLAG_NAME_DUPLICATE',
  'FLAG_BIT_DUPLICATE',
  'FLAG_BIT_RANGE',
  'DESCRIPTION_INVALID',
  'SYSCALL_UNKNOWN',
  'SYSCALL_DUPLICATE',
  'EXEC_POLICY_REQUIRED',
  'EXEC_POLICY_INVALID',
  'FORK_POLICY_INVALID',
  'SYSCALL_ARCH_PARTIAL',
  'SYSCALL_FAMILY_SPLIT',
  'SYSCALL_BASE',
  'FLAG_EMPTY',
  'COMPAT_FLAG_REMOVED',
  'COMPAT_FLAG_RENAMED',
  'COMPAT_BIT_CHANGED',
  'COMPAT_SYSCALL_REMOVED',
  'COMPAT_POLICY_CHANGED',
  'COMPAT_KERNEL_CHANGED',
  'COMPAT_FLAG_ADDED',
  'COMPAT_SYSCALL_ADDED',
  // More diagnostics of one code than the validator returns (see MAX_DIAGNOSTICS_PER_CODE).
  'DIAGNOSTICS_TRUNCATED',
  // importSystemdSyscallFilter
  'IMPORT_NO_GROUPS',
  'IMPORT_LINE_IGNORED',
  'IMPORT_GROUP_DUPLICATE',
  'IMPORT_GROUP_EXCLUDED',
  'IMPORT_GROUP_EMPTY',
  'IMPORT_REFERENCE_UNKNOWN',
  'IMPORT_SYSCALL_DROPPED',
  'IMPORT_BASE_DROPPED',
  'IMPORT_TOO_MANY_GROUPS',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export const DiagnosticSchema = z
  .object({
    severity: SeveritySchema,
    code: z.string().describe('Stable machine-readable code, e.g. SYSCALL_UNKNOWN.'),
    message: z.string().describe('Human-readable explanation.'),
    path: z
      .string()
      .describe(
        'JSON Pointer (RFC 6901) into the document, e.g. /flags/0/syscalls/3; "" is the whole document.',
      ),
    arch: z
      .array(z.string())
      .optional()
      .describe('Architectures the diagnostic concerns, where it applies.'),
  })
  .describe('One finding of the validator or the compatibility check.');
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export const ValidationReportSchema = z.object({
  valid: z.boolean().describe('False when any diagnostic has severity "error".'),
  diagnostics: z.array(DiagnosticSchema),
});
export type ValidationReport = z.infer<typeof ValidationReportSchema>;

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Builds a JSON Pointer from path segments, escaping "~" and "/" (RFC 6901). */
export function jsonPointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
