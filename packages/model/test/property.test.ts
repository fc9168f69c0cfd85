import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkCompatibility,
  DIAGNOSTIC_CODES,
  diffGroupings,
  type Flag,
  type Grouping,
  rebaseGrouping,
  syscallNames,
  validateGrouping,
} from '../src/index';
import { compareKeys, parsePointer } from '../src/validate/findings';
import { random } from './helpers';

const NAMES = [...syscallNames('6.1')].sort();
const RUNS = 300;

/** A random grouping: unique names and bits, real syscalls, sometimes a typo or a rule broken. */
function randomGrouping(next: () => number, sloppy: boolean): Grouping {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const bits = Array.from({ length: 32 }, (_, i) => i).sort(() => next() - 0.5);
  const flags: Flag[] = [];
  const count = Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const syscalls = Array.from({ length: Math.floor(next() * 12) }, () => pick(NAMES));
    if (sloppy && next() < 0.2) syscalls.push(`${pick(NAMES)}x`);
    flags.push({
      name: sloppy && next() < 0.1 ? `bad name ${i}` : `FLAG_${i}_${Math.floor(next() * 1000)}`,
      bit: sloppy && next() < 0.1 ? 40 : (bits[i] as number),
      description: sloppy && next() < 0.1 ? 'two\nlines' : `Flag number ${i}`,
      syscalls,
    });
  }
  const exec = sloppy && next() < 0.2 ? undefined : pick(['keep', 'per-task', 'reset-to-base']);
  return {
    schema: 'dust.grouping/v1',
    kernel: '6.1',
    policy: exec === undefined ? { fork: 'inherit' } : { fork: 'inherit', exec },
    flags,
  };
}

/** Small edits: add/remove syscalls, add a flag, rename, change a description. */
function mutate(g: Grouping, next: () => number): Grouping {
  const out = structuredClone(g);
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const f = out.flags[Math.floor(next() * out.flags.length)];
    const r = next();
    if (f && r < 0.3) f.syscalls.push(NAMES[Math.floor(next() * NAMES.length)] as string);
    else if (f && r < 0.5) f.syscalls.splice(Math.floor(next() * f.syscalls.length), 1);
    else if (f && r < 0.6) f.description = `Edited ${Math.floor(next() * 1e6)}`;
    else if (f && r < 0.7) f.name = `RENAMED_${Math.floor(next() * 1e6)}`;
    else {
      const used = new Set(out.flags.map((x) => x.bit));
      const bit = [...Array(32).keys()].find((b) => !used.has(b) && next() < 0.5);
      if (bit !== undefined)
        out.flags.push({
          name: `NEW_${Math.floor(next() * 1e6)}`,
          bit,
          description: 'New',
          syscalls: ['dup'],
        });
    }
  }
  return out;
}

function resolves(doc: unknown, pointer: string): boolean {
  let node: unknown = doc;
  for (const seg of parsePointer(pointer)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, seg)) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return true;
}

describe('properties over random groupings', () => {
  it('validation: ordered diagnostics, known codes, paths that resolve, valid iff no error', () => {
    const next = random(1);
    for (let run = 0; run < RUNS; run++) {
      const doc = randomGrouping(next, true);
      const result = validateGrouping(doc);
      const keys = result.diagnostics.map((d) => parsePointer(d.path));
      for (let i = 1; i < keys.length; i++) {
        assert.ok(compareKeys(keys[i - 1] ?? [], keys[i] ?? []) <= 0, `run ${run}: order`);
      }
      for (const d of result.diagnostics) {
        assert.ok((DIAGNOSTIC_CODES as readonly string[]).includes(d.code), d.code);
        assert.ok(resolves(doc, d.path), `run ${run}: ${d.code} at ${d.path}`);
      }
      assert.equal(result.valid, !result.diagnostics.some((d) => d.severity === 'error'));
    }
  });

  it('compat: a grouping is compatible with itself and with its additions', () => {
    const next = random(2);
    for (let run = 0; run < RUNS; run++) {
      const base = randomGrouping(next, false);
      assert.deepEqual(checkCompatibility(base, base), []);
      const grown = structuredClone(base);
      for (const f of grown.flags) f.syscalls.push('dup3');
      const errors = checkCompatibility(base, grown).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, []);
    }
  });

  it('diff: identical to itself, and not identical after an edit that changes something', () => {
    const next = random(3);
    for (let run = 0; run < RUNS; run++) {
      const a = randomGrouping(next, false);
      assert.equal(diffGroupings(a, a).identical, true);
      const b = mutate(a, next);
      const compat = checkCompatibility(a, b);
      const diff = diffGroupings(a, b);
      if (compat.length > 0) assert.equal(diff.identical, false, `run ${run}`);
    }
  });

  it('rebase: no-op revisions give the new baseline, a still baseline gives the revision', () => {
    const next = random(4);
    for (let run = 0; run < RUNS; run++) {
      const base = randomGrouping(next, false);
      const revision = mutate(base, next);
      const newBase = mutate(base, next);
      const same = rebaseGrouping(base, base, newBase);
      assert.ok(
        same.ok && diffGroupings(same.grouping, newBase).identical,
        `run ${run}: base, base, new`,
      );
      const still = rebaseGrouping(base, revision, base);
      assert.ok(
        still.ok && diffGroupings(still.grouping, revision).identical,
        `run ${run}: base, rev, base`,
      );
      const both = rebaseGrouping(base, revision, newBase);
      if (both.ok) {
        // Whatever merged keeps names and bits unique.
        assert.equal(
          new Set(both.grouping.flags.map((f) => f.name)).size,
          both.grouping.flags.length,
        );
        assert.equal(
          new Set(both.grouping.flags.map((f) => f.bit)).size,
          both.grouping.flags.length,
        );
      } else {
        assert.ok(both.conflicts.length > 0);
      }
    }
  });
});
