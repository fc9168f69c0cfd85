import type { Comment } from '@dust/contract';
import { MailAuthor } from '../MailStatusView';
import { Markdown } from '../Markdown';
import { Time } from '../Time';

/** Comments in order; each shows what it is attached to. */
export function CommentList({
  comments,
  showAttachment = true,
}: {
  comments: Comment[];
  showAttachment?: boolean;
}) {
  if (comments.length === 0) return <p className="muted small">No comments yet.</p>;
  return (
    <div>
      {comments.map((c) => (
        <article key={c.id} className="comment" id={`comment-${c.id}`}>
          <div className="meta">
            <MailAuthor author={c.author} mail={c.mail} /> · <Time iso={c.createdAt} />
            {c.revision ? ` · on v${c.revision}` : ''}
            {showAttachment && c.flag && (
              <>
                {' · '}
                <a href={`#flag-${c.flag}`} className="chip">
                  {c.flag}
                </a>
              </>
            )}
            {c.syscall && (
              <>
                {' · '}
                <span className="chip">{c.syscall}</span>
              </>
            )}
          </div>
          <Markdown>{c.body}</Markdown>
        </article>
      ))}
    </div>
  );
}
