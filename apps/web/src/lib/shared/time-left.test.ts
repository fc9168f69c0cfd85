import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeLeft } from './time-left';

test('time left: two units at most, singular and plural, and the end', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  assert.equal(timeLeft(at(240 * 3_600_000), now), '10 days left');
  assert.equal(timeLeft(at(25 * 3_600_000 + 5 * 60_000), now), '1 day 1 hour left');
  assert.equal(timeLeft(at(2 * 3_600_000 + 60_000), now), '2 hours 1 minute left');
  assert.equal(timeLeft(at(59 * 60_000 + 30_000), now), '59 minutes left');
  assert.equal(timeLeft(at(30_500), now), '31 s left');
  assert.equal(timeLeft(at(0), now), 'ending now');
  assert.equal(timeLeft(at(-5000), now), 'ending now');
});
