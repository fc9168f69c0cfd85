import type { z } from 'zod';
import { FLAG_BIT_MAX } from '../grouping';
import type { Findings, PathKey } from './findings';
import { quote } from './text';

/**
 * Reports zod's structural issues as SCHEMA diagnostics with JSON-Pointer paths.
 * Messages are built here, never from user text: an unknown key is quoted and
 * escaped like every other piece of user text.
 */
export function reportSchemaIssues(issues: readonly z.core.$ZodIssue[], findings: Findings): void {
  for (const issue of issues) {
    const key = issue.path.map((seg) => (typeof seg === 'symbol' ? String(seg.description) : seg));
    if (issue.code === 'unrecognized_keys') {
      for (const name of issue.keys) {
        findings.add(
          'error',
          'SCHEMA',
          [...key, name],
          `Unknown field ${quote(name)}${where(key)}.`,
        );
      }
    } else if (isBitOutOfSafeRange(issue, key)) {
      // A number, only far too large: the bit rule, not the structure, is broken.
      findings.add(
        'error',
        'FLAG_BIT_RANGE',
        key,
        `Bit must be an integer from 0 to ${FLAG_BIT_MAX}.`,
      );
    } else {
      findings.add('error', 'SCHEMA', key, `${schemaMessage(issue)}${where(key)}.`);
    }
  }
}

function isBitOutOfSafeRange(issue: z.core.$ZodIssue, key: PathKey): boolean {
  return (
    (issue.code === 'too_big' || issue.code === 'too_small') &&
    key.length === 3 &&
    key[0] === 'flags' &&
    key[2] === 'bit'
  );
}

function schemaMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined)
        return `Missing required field (${expectedText(issue.expected)})`;
      return `Expected ${expectedText(issue.expected)}, got ${jsonTypeOf(issue.input)}`;
    case 'invalid_value':
      return `Expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return issue.message;
  }
}

function expectedText(expected: string): string {
  if (expected === 'int') return 'an integer';
  if (expected === 'array' || expected === 'object') return `an ${expected}`;
  return `a ${expected}`;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fractional number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function where(key: PathKey): string {
  const last = key[key.length - 1];
  if (key.length === 0) return ' in the document';
  return typeof last === 'number' ? ` at item ${last}` : ` in ${quote(String(last))}`;
}
