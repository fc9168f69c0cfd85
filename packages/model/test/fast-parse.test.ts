import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupingSchema } from '../src/index';
import { fastParseGrouping } from '../src/validate/fast-parse';
import { goodGrouping, random, systemdGrouping } from './helpers';

/** Values of every JSON type (and a few JS-only ones a caller could pass). */
const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  [],
  ['openat'],
  {},
  { a: 1 },
  undefined,
  Object.create({ inherited: true }),
  JSON.parse('{"__proto__": 1}'),
];

/** Replaces, deletes or adds one value somewhere in the document. */
function corrupt(doc: unknown, next: () => number): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const containers: Record<string | number, unknown>[] = [copy];
  const walk = (node: unknown) => {
    if (typeof node === 'object' && node !== null) {
      containers.push(node as Record<string, unknown>);
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(copy.policy);
  walk(copy.flags);
  const target = containers[Math.floor(next() * containers.length)] as Record<
    string | number,
    unknown
  >;
  const keys = Object.keys(target);
  const key =
    keys.length > 0 && next() < 0.8 ? (keys[Math.floor(next() * keys.length)] as string) : 'extra';
  const odd = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  if (next() < 0.15) delete target[key];
  else target[key] = odd;
  return copy;
}

describe('fastParseGrouping agrees with GroupingSchema', () => {
  it('parses good documents to what zod returns', () => {
    for (const doc of [
      goodGrouping(),
      systemdGrouping(),
      { ...goodGrouping(), policy: { fork: 'inherit' } },
      { ...goodGrouping(), policy: { exec: 'keep' } },
      { ...goodGrouping(), policy: {} },
      (({ policy: _policy, ...rest }) => rest)(goodGrouping()),
    ]) {
      const fast = fastParseGrouping(doc);
      assert.ok(fast);
      assert.deepEqual(fast, GroupingSchema.parse(doc));
      assert.notEqual(fast, doc);
      assert.notEqual(fast.flags[0]?.syscalls, doc.flags[0]?.syscalls);
    }
  });

  it('accepts only what zod accepts, with the same result (random corruptions)', () => {
    const next = random(7);
    let fastAccepted = 0;
    for (let run = 0; run < 3000; run++) {
      const doc = corrupt(next() < 0.5 ? goodGrouping() : systemdGrouping(), next);
      const fast = fastParseGrouping(doc);
      const zod = GroupingSchema.safeParse(doc);
      if (fast) {
        fastAccepted++;
        assert.ok(zod.success, `run ${run}: fast path accepted what zod rejects`);
        assert.deepEqual(fast, zod.data, `run ${run}`);
      }
    }
    assert.ok(fastAccepted > 0);
  });
});
