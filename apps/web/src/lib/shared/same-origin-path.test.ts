import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameOriginPath } from './same-origin-path';

const ORIGIN = 'http://127.0.0.1:3000';

describe('sameOriginPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    assert.equal(sameOriginPath('/account', ORIGIN), '/account');
    assert.equal(
      sameOriginPath('/proposals/3?tab=debate#c12', ORIGIN),
      '/proposals/3?tab=debate#c12',
    );
    assert.equal(sameOriginPath('proposals', ORIGIN), '/proposals');
    assert.equal(sameOriginPath(`${ORIGIN}/releases`, ORIGIN), '/releases');
  });

  it('sends everything that leaves the origin home', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '\\\\evil.example',
      '/\\/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'http://127.0.0.1:3001/',
      '///evil.example',
      ' //evil.example',
    ])
      assert.equal(sameOriginPath(next, ORIGIN), '/', JSON.stringify(next));
    assert.equal(sameOriginPath(undefined, ORIGIN), '/');
    assert.equal(sameOriginPath(['/a', '/b'], ORIGIN), '/');
  });
});
