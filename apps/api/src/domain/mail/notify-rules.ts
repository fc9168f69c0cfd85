// Who hears about what (docs/design.md, "Mail"): one rule for the notification
// mail and the in-app "since you last looked" list, both fed by the event log.
// "involved": the proposal's author and everyone who commented on it or
// reviewed it. "author": the proposal's author only. Never the actor.

export type Audience = 'involved' | 'author';

export const NOTIFY_RULES: Readonly<Record<string, Audience>> = {
  'revision.created': 'involved',
  'revision.approved': 'involved',
  'proposal.rejected': 'involved',
  'proposal.superseded': 'involved',
  'build.finished': 'involved',
  'review.created': 'author',
  'review.resolved': 'author',
  'comment.created': 'author',
};

export const NOTIFY_TYPES = Object.keys(NOTIFY_RULES);

export function typesFor(audience: Audience): string[] {
  return NOTIFY_TYPES.filter((t) => NOTIFY_RULES[t] === audience);
}

/** One line saying what an event means, for mail subjects and the in-app list. */
export function summarizeEvent(event: {
  type: string;
  actorName: string | null;
  proposalTitle: string | null;
  /** The release number, for events on a release (build.finished carries only its id). */
  release: number | null;
  data: Record<string, unknown>;
}): string {
  const who = event.actorName ?? 'Dust';
  const what = event.proposalTitle ? `"${event.proposalTitle}"` : 'a proposal';
  const d = event.data;
  switch (event.type) {
    case 'revision.created':
      return `${who} posted revision ${d.number ?? '?'} of ${what}`;
    case 'revision.approved':
      return `${who} approved ${what} as release ${d.release}`;
    case 'proposal.rejected':
      return `${who} rejected ${what}`;
    case 'proposal.superseded':
      return `${what} was superseded by another approval`;
    case 'build.finished':
      return `The kernel build of release ${event.release ?? '?'} (${what}): ${d.status ?? 'finished'}`;
    case 'review.created':
      return `${who} ${d.verdict === 'ack' ? 'acked' : d.verdict === 'nak' ? 'NAKed' : 'raised a concern on'} revision ${d.revision} of ${what}`;
    case 'review.resolved':
      return `${who} resolved a concern on ${what}`;
    case 'comment.created':
      return `${who} commented on ${what}`;
    default:
      return `${event.type} on ${what}`;
  }
}
