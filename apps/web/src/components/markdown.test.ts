import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown, safeUrl } from './Markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, null, source));

test('raw HTML in markdown is dropped, never rendered', () => {
  const out = html(
    `<script>alert(1)</script>\n\nhi <img src=x onerror=alert(2)> <b>bold</b>\n\n<iframe src="javascript:alert(3)"></iframe>`,
  );
  assert.doesNotMatch(out, /<script|<img|<iframe|<b>|onerror/i);
  assert.match(out, /hi/);
});

test('links keep safe protocols only; images are not rendered', () => {
  const out = html(
    '[a](javascript:alert(1)) [b](https://lkml.org/) [c](/proposals/2) [d](data:text/html,x) ![i](https://x.test/i.png)',
  );
  assert.doesNotMatch(out, /javascript:|data:|<img/i);
  assert.match(out, /href="https:\/\/lkml.org\/"/);
  assert.match(out, /href="\/proposals\/2"/);
  assert.match(out, /rel="nofollow noopener noreferrer ugc"/);
  assert.equal(safeUrl('JaVaScRiPt:alert(1)'), '');
  assert.equal(safeUrl('vbscript:x'), '');
  assert.equal(safeUrl('mailto:a@b.c'), 'mailto:a@b.c');
});

test('markdown still works: emphasis, code, lists', () => {
  const out = html('*em* and `code <x>`\n\n- one\n- two');
  assert.match(out, /<em>em<\/em>/);
  assert.match(out, /<code>code &lt;x&gt;<\/code>/);
  assert.match(out, /<li>one<\/li>/);
  // cached renders are the same
  assert.equal(html('*em* and `code <x>`\n\n- one\n- two'), out);
});
