import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import type { Grouping } from '@dust/model';
import { RenderError, renderSeries, type Series } from '../src/render';
import { cCommentText, cleanText, mailIndentedText, rstLines } from '../src/render/text';
import { commitMessage, lexC, parseMessage, postImage, splitMbox } from './render-fixtures';

const SAMPLES = 2000;

// Pieces of text that mean something to C, mail, git, checkpatch or RST.
const HOSTILE = [
  '*/',
  '/*',
  '*',
  '/',
  '//',
  '---',
  '--- ',
  'From ',
  '>From ',
  'diff --git a/x b/x',
  'Index: ',
  'Signed-off-by: Evil <e@x.y>',
  'Acked-by:',
  'Foo-by: x',
  'Change-Id: I0',
  'commit 0123456789ab',
  ':',
  '`',
  '``',
  '_',
  '|',
  '..',
  '.. raw:: html',
  '::',
  '\\',
  '"',
  "'",
  '<',
  '>',
  '#',
  '=====',
  '-',
  '+',
  '@@ -1,1 +1,1 @@',
  '??/',
  '${',
  '%s',
  ' ',
  '  ',
  'a',
  'Z',
  '0',
  'é',
  '😀',
  '#endif',
  '#define X 1',
  '*/ int x; /*',
  '[#]_',
  '-- ',
  'Subject: x',
  '\u202e',
  '\u2066',
  '\u200b',
  '\u2028',
  '\t',
  '\n',
  '\r',
  '\u0085',
  '\u0000',
  '\ud800',
  '1.',
  '* -',
];

/** A small deterministic PRNG (mulberry32), so a failing sample can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hostileText(next: () => number, printableOnly: boolean): string {
  const pool = printableOnly ? HOSTILE.filter((p) => cleanText(p) === p || p === ' ') : HOSTILE;
  let text = '';
  const count = 1 + Math.floor(next() * 14);
  for (let i = 0; i < count; i++) text += pool[Math.floor(next() * pool.length)];
  return text.slice(0, 200);
}

function grouping(descriptions: string[]): Grouping {
  const calls = [
    ['openat', 'close'],
    ['getpid', 'getppid'],
    ['clock_gettime', 'clock_gettime64'],
  ];
  return {
    schema: 'dust.grouping/v1',
    kernel: '6.1',
    policy: { fork: 'inherit', exec: 'keep' },
    flags: descriptions.map((description, i) => ({
      name: `FLAG_${String.fromCharCode(65 + i)}`,
      bit: i * 5,
      description,
      syscalls: calls[i] as string[],
    })),
  };
}

/** Headers that do not depend on the content hash. */
function stableHeaders(content: string): string[] {
  const { headers } = parseMessage(content);
  return [...headers]
    .filter(
      ([k]) =>
        ![
          'Message-Id',
          'In-Reply-To',
          'References',
          'MIME-Version',
          'Content-Type',
          'Content-Transfer-Encoding',
        ].includes(k),
    )
    .map(([k, v]) => `${k}: ${v}`);
}

/** The C the series touches: uapi hunks, core hunks, the generated table, the selftest. */
function cSources(series: Series): string[] {
  return series.files
    .slice(1)
    .flatMap((f) =>
      [...postImage(f.content)]
        .filter(([p]) => /\.[ch]$/.test(p))
        .map(([, lines]) => lines.join('\n')),
    );
}

function docOf(series: Series): string {
  return (
    postImage(series.files[4]?.content ?? '').get(
      'Documentation/userspace-api/seccomp_flags.rst',
    ) ?? []
  ).join('\n');
}

/** Asserts that hostile descriptions changed nothing but comment, RST and indented text. */
function assertContained(hostile: Series, neutral: Series, label: string): void {
  assert.equal(splitMbox(hostile.mbox).length, 5, label);
  assert.equal(splitMbox(hostile.files[0]?.content ?? '').length, 1, label);
  hostile.files.forEach((file, i) => {
    const twin = neutral.files[i]?.content ?? '';
    assert.deepEqual(stableHeaders(file.content), stableHeaders(twin), label);
    if (i > 0) {
      assert.deepEqual(
        commitMessage(parseMessage(file.content).body),
        commitMessage(parseMessage(twin).body),
        label,
      );
      const structure = (t: string) =>
        t.split('\n').filter((l) => /^(diff --git|@@ )/.test(l)).length;
      assert.equal(structure(file.content), structure(twin), label);
    }
  });
  const [hostileC, neutralC] = [cSources(hostile), cSources(neutral)];
  // Hunks may end inside a comment of the original file: compare with the
  // neutral render rather than requiring every hunk to be closed.
  hostileC.forEach((source, i) => {
    const lexed = lexC(source);
    const twin = lexC(neutralC[i] ?? '');
    assert.equal(lexed.unterminated, twin.unterminated, `${label}: unbalanced comment or literal`);
    assert.equal(lexed.comments.length, twin.comments.length, `${label}: comments split or merged`);
    assert.equal(lexed.code, twin.code, `${label}: description text outside a comment`);
  });
  const coverBody = (s: Series) => parseMessage(s.files[0]?.content ?? '').body.split('\n');
  const neutralCover = new Set(coverBody(neutral));
  for (const line of coverBody(hostile)) {
    if (!neutralCover.has(line))
      assert.match(line, /^\s/, `${label}: cover line not indented: ${line}`);
  }
  const neutralDoc = new Set(docOf(neutral).split('\n'));
  for (const line of docOf(hostile).split('\n')) {
    if (neutralDoc.has(line)) continue;
    assert.match(
      line,
      /^( {5}- | {7})(?![-+*#=~^"'`.:|>!?/()[\]{}0-9@$%&;,])\S/,
      `${label}: doc line ${line}`,
    );
  }
}

describe('hostile descriptions never escape their place', () => {
  test(`${SAMPLES} random renders: C comments stay closed, mail and patch structure unchanged`, () => {
    const next = random(0x5eed);
    let rendered = 0;
    for (let n = 0; n < SAMPLES; n++) {
      const count = 1 + Math.floor(next() * 3);
      const descriptions = Array.from({ length: count }, () => hostileText(next, next() < 0.8));
      const label = `sample ${n}: ${JSON.stringify(descriptions)}`;
      let hostile: Series;
      try {
        hostile = renderSeries({ grouping: grouping(descriptions) });
      } catch (e) {
        // The validator may refuse a description; then nothing is rendered.
        assert.ok(e instanceof RenderError && e.code === 'INVALID_GROUPING', label);
        assert.ok(
          e.diagnostics.every((d) => d.severity !== 'error' || d.code === 'DESCRIPTION_INVALID'),
          label,
        );
        continue;
      }
      const neutral = renderSeries({ grouping: grouping(descriptions.map(() => 'x')) });
      assertContained(hostile, neutral, label);
      rendered++;
    }
    assert.ok(rendered > SAMPLES / 2, `only ${rendered} of ${SAMPLES} samples were valid`);
  });

  test('the neutralisers hold for any text, controls included', () => {
    const next = random(42);
    for (let n = 0; n < SAMPLES; n++) {
      const text = hostileText(next, false);
      const label = JSON.stringify(text);
      assert.doesNotMatch(
        cleanText(text),
        /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\ud800-\udfff](?![\udc00-\udfff])/u,
        label,
      );
      assert.ok(!cCommentText(text).includes('*/') && !cCommentText(text).includes('/*'), label);
      for (const line of rstLines(text))
        assert.doesNotMatch(line, /^[-+*#=~^"'`.:|>!?/()[\]{}0-9]/, label);
      for (const line of mailIndentedText('  ', text)) assert.match(line, /^\s/, label);
    }
  });

  const docutils =
    spawnSync('python3', ['-c', 'import docutils'], { encoding: 'utf8' }).status === 0;
  test('docutils reads every hostile description back as plain text', {
    skip: docutils ? false : 'python3-docutils is not installed',
  }, () => {
    const next = random(7);
    const cases: { doc: string; expected: string[] }[] = [];
    while (cases.length < 40) {
      const descriptions = [hostileText(next, true), hostileText(next, true)];
      try {
        const series = renderSeries({ grouping: grouping(descriptions) });
        cases.push({ doc: docOf(series), expected: descriptions.map(cleanText) });
      } catch (e) {
        assert.ok(e instanceof RenderError);
      }
    }
    const script = `
import json, sys
from docutils.core import publish_doctree
from docutils.parsers.rst import roles
from docutils import nodes
roles.register_generic_role('manpage', nodes.literal)
out = []
for case in json.load(sys.stdin):
    messages = []
    tree = publish_doctree(case['doc'], settings_overrides={'report_level': 5, 'halt_level': 5, 'warning_stream': False})
    problems = [m.astext() for m in tree.traverse(nodes.system_message) if m['level'] >= 2]
    rows = tree.traverse(nodes.row)
    cells = [r.children[2].astext().replace('\\n', ' ') for r in rows][1:]
    out.append({'problems': problems, 'cells': cells})
json.dump(out, sys.stdout)
`;
    const r = spawnSync('python3', ['-c', script], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(r.stdout) as { problems: string[]; cells: string[] }[];
    results.forEach((result, i) => {
      const label = JSON.stringify(cases[i]?.expected);
      assert.deepEqual(result.problems, [], label);
      assert.deepEqual(result.cells, cases[i]?.expected, label);
    });
  });
});
