import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BuildVerdict } from './BuildVerdict';

test('shows the verdict, each stage with its time, and the log as text', () => {
  const html = renderToStaticMarkup(
    createElement(BuildVerdict, {
      build: {
        id: 7,
        status: 'failed',
        runner: 'local',
        externalUrl: null,
        reason: 'boot test: FILE_READ allowed getpid',
        attempts: 1,
        stages: [
          { name: 'apply', status: 'passed', seconds: 1.24 },
          { name: 'build', status: 'passed', seconds: 104.5 },
          { name: 'boot', status: 'failed', seconds: 7 },
        ],
        checkpatch: { errors: 0, warnings: 0 },
        flags: null,
        log: 'make: <b>done</b>\nqemu: killed',
        createdAt: '2026-11-29T17:55:00.000Z',
        startedAt: '2026-11-29T17:56:00.000Z',
        finishedAt: '2026-11-29T18:00:00.000Z',
      },
    }),
  );
  assert.match(html, /class="badge failed"[^>]*>failed</);
  assert.match(html, /boot test: FILE_READ allowed getpid/);
  assert.match(html, /<td>build<\/td>.*?104\.5/s);
  assert.match(html, /make: &lt;b&gt;done&lt;\/b&gt;/);
  assert.match(html, /2026-11-29 18:00 UTC/);
});

test('says so when there is no build', () => {
  assert.match(
    renderToStaticMarkup(createElement(BuildVerdict, { build: null })),
    /No build recorded/,
  );
});
