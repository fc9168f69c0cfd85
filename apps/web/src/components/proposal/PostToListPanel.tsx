import type { MailInfo, Revision } from '@dust/contract';
import { ActionButton } from '../actions/ActionButton';
import { MailStatusView } from '../MailStatusView';

/** "Post to the list": a revision's preview as [RFC PATCH …], once, by its author or a maintainer. */
export function PostToListPanel({
  proposalId,
  revision,
  mailInfo,
  canPost,
  open,
}: {
  proposalId: number;
  revision: Revision;
  mailInfo: MailInfo;
  canPost: boolean;
  open: boolean;
}) {
  if (revision.mail) {
    return <MailStatusView mail={revision.mail} what={`v${revision.number} as an RFC`} />;
  }
  if (!mailInfo.sending) {
    return (
      <p className="small muted">Mail is off on this Dust: revisions cannot be posted to a list.</p>
    );
  }
  if (!canPost || !open || !revision.valid) {
    return <p className="small muted">Not posted to {mailInfo.list}.</p>;
  }
  return (
    <p className="small">
      <ActionButton
        method="POST"
        path={`/api/proposals/${encodeURIComponent(String(proposalId))}/revisions/${revision.number}/post`}
        label="Post to the list"
        title={`Send v${revision.number} to ${mailInfo.list} as [RFC PATCH …]; replies come back as comments and reviews`}
      />{' '}
      <span className="muted">
        as [RFC PATCH …] to {mailInfo.list}; replies and their trailers come back here.
      </span>
    </p>
  );
}
