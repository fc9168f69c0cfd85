import { checkCompatibility } from './compat';
import type { ValidationReport } from './diagnostics';
import { type Grouping, GroupingSchema } from './grouping';
import { fastParseGrouping } from './validate/fast-parse';
import { Findings } from './validate/findings';
import { checkFlags } from './validate/flags';
import { kernelFacts } from './validate/kernel-facts';
import { checkKernel, checkPolicy } from './validate/policy';
import { reportSchemaIssues } from './validate/schema';
import { checkSyscalls } from './validate/syscalls';

export { descriptionProblem } from './validate/description';
export { MAX_DIAGNOSTICS_PER_CODE } from './validate/findings';
export { EXEC_POLICIES, EXEC_SYSCALLS, FORK_POLICIES } from './validate/policy';

export interface ValidateOptions {
  /** The current baseline: when given, the compatibility check's findings are appended. */
  baseline?: Grouping;
}

export type ValidationResult = ValidationReport & {
  /** The parsed document, present whenever it matched the format (even with rule errors). */
  grouping?: Grouping;
};

/**
 * Validates a grouping document (anything, typically `JSON.parse` output).
 *
 * - Structure and JSON types first (SCHEMA); a document that fails them gets
 *   only those diagnostics, since its rules cannot be read reliably.
 * - Then every rule with its own code (docs/design.md, "Diagnostics"); syscall names
 *   are checked only when the kernel has tables (else KERNEL_UNSUPPORTED).
 * - With `opts.baseline`, the COMPAT_* findings of `checkCompatibility`.
 *
 * Diagnostics are ordered by path (document order), then by rule; at most
 * MAX_DIAGNOSTICS_PER_CODE per code are returned (DIAGNOSTICS_TRUNCATED counts
 * the rest). `valid` is false when any error was found.
 */
function hasPolicy(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    (input as { policy?: unknown }).policy !== undefined
  );
}

export function validateGrouping(input: unknown, opts: ValidateOptions = {}): ValidationResult {
  const findings = new Findings();
  let grouping = fastParseGrouping(input);
  if (!grouping) {
    const parsed = GroupingSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      reportSchemaIssues(parsed.error.issues, findings);
      return { valid: false, diagnostics: findings.toDiagnostics() };
    }
    grouping = parsed.data;
  }
  const facts = kernelFacts(grouping.kernel);
  checkKernel(grouping.kernel, facts !== undefined, findings);
  checkPolicy(grouping, findings, hasPolicy(input));
  checkFlags(grouping.flags, findings);
  checkSyscalls(grouping.flags, facts, findings);
  if (opts.baseline) findings.addDiagnostics(checkCompatibility(opts.baseline, grouping));
  return { valid: !findings.hasErrors, diagnostics: findings.toDiagnostics(), grouping };
}
