import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEvent, isCommunityEvent } from './describe-event';

test('describes community events and hides account housekeeping', () => {
  assert.equal(
    describeEvent({ type: 'review.created', data: { verdict: 'ack' } }),
    'reviewed (ack)',
  );
  assert.equal(describeEvent({ type: 'proposal.created', data: {} }), 'proposed');
  assert.equal(describeEvent({ type: 'build.finished', data: {} }), 'build finished');
  assert.equal(describeEvent({ type: 'something.new', data: {} }), 'something.new');
  assert.equal(isCommunityEvent({ type: 'session.created', data: {} }), false);
  assert.equal(isCommunityEvent({ type: 'token.revoked', data: {} }), false);
  assert.equal(isCommunityEvent({ type: 'comment.created', data: {} }), true);
});

test('words list mail and hides notification mail', () => {
  assert.equal(
    describeEvent({ type: 'mail.received', data: {} }),
    'replied on the mailing list to',
  );
  assert.equal(isCommunityEvent({ type: 'mail.sent', data: { kind: 'series' } }), true);
  assert.equal(isCommunityEvent({ type: 'mail.sent', data: { kind: 'notification' } }), false);
});
