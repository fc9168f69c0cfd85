import type { ApiEvent } from '@dust/contract';

// The audit log as a reader wants it: what happened, in words. Account housekeeping
// (tokens, sessions, passwords) is not community activity and is left out.

const PHRASES: Record<string, string> = {
  'proposal.created': 'proposed',
  'proposal.edited': 'edited',
  'proposal.withdrawn': 'withdrew',
  'proposal.stale': 'baseline moved under',
  'proposal.superseded': 'superseded (its changes landed)',
  'proposal.rejected': 'rejected',
  'revision.created': 'posted a revision of',
  'reviews.outdated': 'outdated earlier acks on',
  'comment.created': 'commented on',
  'review.created': 'reviewed',
  'review.resolved': 'resolved a concern on',
  'name-suggestion.created': 'suggested a name on',
  'name-suggestion.voted': 'voted for a name on',
  'name-suggestion.unvoted': 'took back a vote on',
  'name-suggestion.adopted': 'adopted a name on',
  'revision.approved': 'approved',
  'release.created': 'released',
  'mail.queued': 'queued for the mailing list',
  'mail.sent': 'sent to the mailing list',
  'mail.deferred': 'could not yet mail (retrying)',
  'mail.failed': 'could not mail',
  'mail.received': 'replied on the mailing list to',
};

const HIDDEN_PREFIXES = ['token.', 'session.', 'user.'];

export function isCommunityEvent(e: Pick<ApiEvent, 'type' | 'data'>): boolean {
  // One notification mail to one person is housekeeping too.
  if (e.type.startsWith('mail.') && e.data.kind === 'notification') return false;
  return !HIDDEN_PREFIXES.some((p) => e.type.startsWith(p));
}

/** A short verb phrase for an event type; unknown types read as themselves. */
export function describeEvent(e: Pick<ApiEvent, 'type' | 'data'>): string {
  const phrase = PHRASES[e.type];
  if (phrase) {
    const verdict =
      e.type === 'review.created' && typeof e.data.verdict === 'string'
        ? ` (${e.data.verdict})`
        : '';
    return `${phrase}${verdict}`;
  }
  if (e.type.startsWith('build.')) return `build ${e.type.slice('build.'.length)}`;
  return e.type;
}
