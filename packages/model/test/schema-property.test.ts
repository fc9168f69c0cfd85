// Properties over documents generated from the model's own schema: the
// validator never throws, on those or on any JSON value; and for every
// document the schema accepts, diff(A, A) is empty, compat(A, A) has no error,
// and rebasing onto the same baseline gives the revision back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkCompatibility,
  DIAGNOSTIC_CODES,
  diffGroupings,
  EXEC_POLICIES,
  FLAG_NAME_PATTERN,
  type Grouping,
  GroupingSchema,
  rebaseGrouping,
  syscallNames,
  validateGrouping,
} from '../src/index';
import { arbitraryOf } from './schema-arbitrary';

const RUNS = 400;
const SYSCALLS = [...syscallNames('6.1')];
const documents = arbitraryOf(GroupingSchema, {
  kernel: fc.constantFrom('6.1', '6.1', '2.4'),
  name: fc.stringMatching(FLAG_NAME_PATTERN),
  description: fc.string({ minLength: 1, maxLength: 40 }),
  syscalls: fc.constantFrom(...SYSCALLS),
  fork: fc.constant('inherit'),
  exec: fc.constantFrom(...EXEC_POLICIES),
});
/** Documents the schema accepts, parsed (defaults filled in), rule errors and all. */
const groupings = documents
  .map((doc) => GroupingSchema.safeParse(doc))
  .filter((r) => r.success)
  .map((r) => r.data as Grouping);

function assertWellFormed(input: unknown) {
  const report = validateGrouping(input);
  assert.equal(report.valid, !report.diagnostics.some((d) => d.severity === 'error'));
  for (const d of report.diagnostics)
    assert.ok((DIAGNOSTIC_CODES as readonly string[]).includes(d.code), d.code);
}

describe('properties over schema-generated documents', () => {
  it('the validator never throws, and answers in its own terms', () => {
    fc.assert(fc.property(documents, assertWellFormed), { numRuns: RUNS });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), assertWellFormed), { numRuns: RUNS });
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true }), assertWellFormed),
      { numRuns: RUNS },
    );
  });

  it('diff(A, A) is empty', () => {
    fc.assert(
      fc.property(groupings, (a) => {
        const diff = diffGroupings(a, a);
        assert.equal(diff.identical, true);
        assert.deepEqual(
          [diff.flagsAdded, diff.flagsRemoved, diff.flagsRenamed, diff.bitsChanged, diff.policy],
          [[], [], [], [], []],
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('compat(A, A) has no errors', () => {
    fc.assert(
      fc.property(groupings, (a) => {
        const errors = checkCompatibility(a, a).filter((d) => d.severity === 'error');
        assert.deepEqual(errors, []);
      }),
      { numRuns: RUNS },
    );
  });

  it('rebasing onto the same baseline gives the revision back', () => {
    // Flags are matched by name and bit, so the revision's must be unique
    // (FLAG_NAME_DUPLICATE and FLAG_BIT_DUPLICATE are errors of their own).
    const matchable = groupings.filter(
      (g) =>
        new Set(g.flags.map((f) => f.name)).size === g.flags.length &&
        new Set(g.flags.map((f) => f.bit)).size === g.flags.length,
    );
    fc.assert(
      fc.property(groupings, matchable, (base, revision) => {
        const result = rebaseGrouping(base, revision, base);
        assert.ok(result.ok, JSON.stringify(result));
        assert.equal(diffGroupings(result.grouping, revision).identical, true);
      }),
      { numRuns: RUNS },
    );
  });
});
