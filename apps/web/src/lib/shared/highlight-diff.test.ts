import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightDiff } from './highlight-diff';

const PATCH = `From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
From: Dust <dust@example.org>
Subject: [PATCH v1 1/5] seccomp: add flags <script>alert(1)</script>

Body line
---
 include/uapi/linux/seccomp.h | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

diff --git a/include/uapi/linux/seccomp.h b/include/uapi/linux/seccomp.h
index 1111111..2222222 100644
--- a/include/uapi/linux/seccomp.h
+++ b/include/uapi/linux/seccomp.h
@@ -1,3 +1,4 @@
 context
--- removed line that looks like a header
+++ added line that looks like a header
+#define SECCOMP_FLAG_X (1UL << 0) /* <img src=x onerror=alert(1)> */
 tail
-- 
2.39.2
`;

test('classifies mail headers, file headers, hunks and body lines', () => {
  const lines = highlightDiff(PATCH);
  const kinds = lines.map((l) => l.kind);
  assert.equal(lines[0]?.kind, 'header');
  assert.equal(lines[1]?.kind, 'header');
  assert.equal(lines[2]?.kind, 'header');
  const find = (prefix: string) => lines.find((l) => l.text.startsWith(prefix))?.kind;
  assert.equal(find('diff --git'), 'file');
  assert.equal(find('index '), 'file');
  assert.equal(find('--- a/'), 'file');
  assert.equal(find('+++ b/'), 'file');
  assert.equal(find('@@ '), 'hunk');
  assert.equal(find('--- removed'), 'del');
  assert.equal(find('+++ added'), 'add');
  assert.equal(find('+#define'), 'add');
  assert.equal(find(' tail'), 'context');
  // after the hunk is consumed, the signature separator is not a deletion
  assert.equal(find('-- '), 'context');
  assert.equal(kinds.length, PATCH.split('\n').length - 1);
});

test('keeps every line verbatim, hostile text included', () => {
  const lines = highlightDiff(PATCH);
  assert.equal(lines.map((l) => l.text).join('\n'), PATCH.slice(0, -1));
  assert.ok(lines.some((l) => l.text.includes('<script>alert(1)</script>')));
});

test('a hunk without counts spans one line on each side', () => {
  const lines = highlightDiff('@@ -1 +1 @@\n-a\n+b\n-c\n');
  assert.deepEqual(
    lines.map((l) => l.kind),
    ['hunk', 'del', 'add', 'context'],
  );
});
