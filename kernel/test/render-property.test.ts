// Property: any valid grouping renders to a series that applies to Linux 6.1
// (`git apply --check` against the prepared tree's base commit, through a
// private index, so a kernel test running in that tree meanwhile cannot
// disturb it) and whose flag descriptions — the free text — appear only in C
// comments or strings, in indented commit-message lines, or escaped in the
// documentation. Skips with the reason when the prepared tree is absent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { type Grouping, syscallNames, validateGrouping } from '@dust/model';
import fc from 'fast-check';
import { renderSeries } from '../src/render';
import { kernelTestConfig, SETUP_COMMAND } from '../src/test/config';

const TREE = kernelTestConfig().defaultTree;
const BASE = 'dust-base';
const HAS_TREE = spawnSync('git', ['-C', TREE, 'rev-parse', '-q', '--verify', BASE]).status === 0;
// Bounded: each run renders, applies and lexes two series.
const RUNS = Number(process.env.DUST_PROPERTY_RUNS ?? 25);

// Descriptions mix what C, mail and reStructuredText treat specially with
// letters from other scripts; the validator decides which strings are valid.
const DESCRIPTION_CHARS = [
  ...'abcXYZ 019',
  ...'*/\\"\'%#`<>&$@{}[]();:|~^!?-_=+.,',
  'é',
  'ß',
  '中',
  'ע',
  '😀',
  // Whole tokens, so that each run is likely to hold some.
  '*/',
  '/*',
  '//',
  '\\"',
  '%s',
  '#define',
  '\\n',
];
const NAMES = [...syscallNames('6.1')].sort();

const description = fc
  .array(fc.constantFrom(...DESCRIPTION_CHARS), { minLength: 0, maxLength: 60 })
  .map((chars) => chars.join(''));

const groupingArb: fc.Arbitrary<Grouping> = fc
  .record({
    bits: fc.uniqueArray(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 6 }),
    names: fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/), {
      minLength: 6,
      maxLength: 6,
    }),
    descriptions: fc.array(description, { minLength: 6, maxLength: 6 }),
    syscalls: fc.array(fc.subarray(NAMES, { maxLength: 5 }), { minLength: 6, maxLength: 6 }),
    exec: fc.constantFrom('keep', 'reset-to-base', undefined),
  })
  .map(({ bits, names, descriptions, syscalls, exec }) => ({
    schema: 'dust.grouping/v1' as const,
    kernel: '6.1',
    policy: exec ? { fork: 'inherit', exec } : { fork: 'inherit' },
    flags: bits.map((bit, i) => ({
      name: names[i] as string,
      bit,
      // A marker no fixed text holds starts each description, to find where it went.
      description: `Qz${i}q ${descriptions[i] as string}`,
      syscalls: syscalls[i] as string[],
    })),
  }))
  .filter((g) => validateGrouping(g).valid);

function git(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const r = spawnSync('git', ['-C', TREE, ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Where a C file's text is code (not a comment, string or character literal). */
function codeOnly(source: string): string {
  let out = '';
  let state: 'code' | 'block' | 'line' | 'string' | 'char' = 'code';
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (state === 'code') {
      if (c === '/' && next === '*') {
        state = 'block';
        i++;
      } else if (c === '/' && next === '/') {
        state = 'line';
        i++;
      } else if (c === '"') state = 'string';
      else if (c === "'") state = 'char';
      else out += c;
    } else if (state === 'block') {
      if (c === '*' && next === '/') {
        state = 'code';
        i++;
        out += ' ';
      }
    } else if (state === 'line') {
      if (c === '\n') {
        state = 'code';
        out += c;
      }
    } else if (c === '\\') i++;
    else if ((state === 'string' && c === '"') || (state === 'char' && c === "'")) state = 'code';
  }
  return out;
}

/**
 * Applies the grouping's series to the base commit in a private index (so a
 * kernel test running in the tree meanwhile cannot disturb it) and returns the
 * code of every C file it touches, comments and literals removed.
 */
function patchedCode(grouping: Grouping, index: string): Map<string, string> {
  const env = { GIT_INDEX_FILE: index };
  const patches = renderSeries({ grouping, version: 1 })
    .files.filter((f) => !f.name.startsWith('0000-'))
    .map((f) => f.content);
  // An index of only the files the series touches, as the base commit has them:
  // a full 6.1 index would cost a second per run to write.
  const paths = [
    ...new Set(
      patches.flatMap((p) => [...p.matchAll(/^diff --git a\/(\S+) /gm)].map((m) => m[1] as string)),
    ),
  ];
  rmSync(index, { force: true });
  const listed = git(['ls-tree', '-r', BASE, '--', ...paths], env).out;
  assert.equal(git(['update-index', '--index-info'], env, listed).status, 0);
  const all = patches.join('');
  const checked = git(['apply', '--check', '--cached'], env, all);
  assert.equal(checked.status, 0, `the series does not apply:\n${checked.out}`);
  assert.equal(git(['apply', '--cached'], env, all).status, 0);
  const code = new Map<string, string>();
  for (const file of paths.filter((f) => /\.[ch]$/.test(f)))
    code.set(file, codeOnly(git(['show', `:${file}`], env).out));
  return code;
}

describe('renderer properties on Linux 6.1', {
  skip: HAS_TREE ? false : `no prepared Linux 6.1 tree at ${TREE}: run ${SETUP_COMMAND}`,
}, () => {
  test('every valid grouping applies, and its descriptions stay in comments, strings and message lines', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'dust-render-property-'));
    try {
      fc.assert(
        fc.property(groupingArb, (grouping) => {
          // The same grouping with every description replaced: if any description
          // reached code, the code of some file differs.
          const plain = {
            ...grouping,
            flags: grouping.flags.map((f) => ({ ...f, description: 'd' })),
          };
          const index = path.join(work, 'index');
          assert.deepEqual(patchedCode(grouping, index), patchedCode(plain, index));
          for (const file of renderSeries({ grouping, version: 1 }).files) {
            const message = file.content.split('\ndiff --git ')[0] as string;
            const [headers = '', body = ''] = message.split(/\n\n(.*)/s);
            for (const [i] of grouping.flags.entries()) {
              const marker = `Qz${i}q`;
              assert.ok(!headers.includes(marker), `${file.name}: a description in a mail header`);
              for (const line of body.split('\n')) {
                if (line.includes(marker))
                  assert.match(line, /^\s/, `${file.name}: an unindented message line: ${line}`);
              }
            }
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
