import type { Review, Viewer } from '@dust/contract';
import { ActionButton } from '../actions/ActionButton';
import { MailAuthor } from '../MailStatusView';
import { Markdown } from '../Markdown';
import { Time } from '../Time';

export function ReviewList({ reviews, viewer }: { reviews: Review[]; viewer: Viewer | null }) {
  if (reviews.length === 0) return <p className="muted">No reviews of this revision yet.</p>;
  return (
    <div>
      {reviews.map((r) => (
        <article key={r.id} className="comment" id={`review-${r.id}`}>
          <div className="meta row">
            <span className={`badge ${r.verdict}`}>{r.verdict === 'nak' ? 'NAK' : r.verdict}</span>
            <MailAuthor author={r.author} mail={r.mail} />
            <Time iso={r.createdAt} />
            {r.outdated && <span className="badge">outdated: the grouping changed since</span>}
            {r.verdict === 'concern' &&
              (r.resolved ? (
                <span className="badge ok">resolved</span>
              ) : (
                <span className="badge concern">open: blocks approval</span>
              ))}
            {r.verdict === 'concern' &&
              !r.resolved &&
              viewer &&
              (String(viewer.id) === String(r.author.id) ||
                // A concern raised by mail from outside Dust is resolved by a maintainer.
                (r.mail && !r.mail.viaAccount && viewer.role !== 'contributor')) && (
                <ActionButton
                  method="POST"
                  path={`/api/reviews/${encodeURIComponent(r.id)}/resolve`}
                  label="Resolve"
                />
              )}
          </div>
          <Markdown>{r.body}</Markdown>
        </article>
      ))}
    </div>
  );
}
