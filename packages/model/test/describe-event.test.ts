import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEvent, isCommunityEvent } from '../src/index';

test('describes community events and hides account housekeeping', () => {
  assert.equal(
    describeEvent({ type: 'review.created', data: { verdict: 'ack' } }),
    'reviewed (ack)',
  );
  assert.equal(describeEvent({ type: 'proposal.created' }), 'proposed');
  assert.equal(describeEvent({ type: 'build.finished' }), 'build finished');
  assert.equal(describeEvent({ type: 'something.new' }), 'something.new');
  assert.equal(isCommunityEvent({ type: 'session.created' }), false);
  assert.equal(isCommunityEvent({ type: 'token.revoked' }), false);
  assert.equal(isCommunityEvent({ type: 'comment.created' }), true);
});

test('words list mail and hides notification mail', () => {
  assert.equal(
    describeEvent({ type: 'mail.received', data: {} }),
    'replied on the mailing list to',
  );
  assert.equal(isCommunityEvent({ type: 'mail.sent', data: { kind: 'series' } }), true);
  assert.equal(isCommunityEvent({ type: 'mail.sent', data: { kind: 'notification' } }), false);
});

test('words final comment periods with their disposition and why one ended', () => {
  assert.equal(
    describeEvent({ type: 'fcp.started', data: { disposition: 'approve' } }),
    'started a final comment period on (approve)',
  );
  assert.equal(
    describeEvent({ type: 'fcp.cancelled', data: { disposition: 'reject', reason: 'concern' } }),
    'cancelled the final comment period on (reject, concern)',
  );
  assert.equal(isCommunityEvent({ type: 'fcp.finished', data: {} }), true);
});
