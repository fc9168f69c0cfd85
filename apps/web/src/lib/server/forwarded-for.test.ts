import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardedFor } from './forwarded-for';

describe('forwardedFor', () => {
  it('is the socket address alone when no proxy in front is trusted', () => {
    assert.equal(forwardedFor(undefined, '10.1.1.1', 0), '10.1.1.1');
    assert.equal(forwardedFor('6.6.6.6', '10.1.1.1', 0), '10.1.1.1', 'a client cannot claim one');
  });
  it('keeps only the trusted tail of the incoming chain, then appends the socket', () => {
    assert.equal(forwardedFor('6.6.6.6, 192.0.2.7', '10.0.0.2', 1), '192.0.2.7, 10.0.0.2');
    assert.equal(
      forwardedFor(['6.6.6.6', '192.0.2.7'], '10.0.0.2', 2),
      '6.6.6.6, 192.0.2.7, 10.0.0.2',
    );
    assert.equal(forwardedFor(undefined, '10.0.0.2', 2), '10.0.0.2');
  });
  it('forwards nothing without a socket address', () => {
    assert.equal(forwardedFor('6.6.6.6', undefined, 1), undefined);
  });
});
