import type { MailStatus } from '@dust/contract';
import { Time } from './Time';

/** A posting to the mailing list: queued (with the last error while it is retried), sent, failed. */
export function MailStatusView({ mail, what }: { mail: MailStatus; what: string }) {
  return (
    <p className="small" data-testid="mail-status">
      <span
        className={`badge ${mail.status === 'sent' ? 'ok' : mail.status === 'failed' ? 'nak' : ''}`}
      >
        {mail.status === 'sent'
          ? 'on the list'
          : mail.status === 'failed'
            ? 'not sent'
            : 'queued for the list'}
      </span>{' '}
      {what}
      {mail.sentAt && (
        <>
          {' · sent '}
          <Time iso={mail.sentAt} />
        </>
      )}
      {mail.messageId && (
        <>
          {' · '}
          <code className="small">&lt;{mail.messageId}&gt;</code>
        </>
      )}
      {mail.error && (
        <>
          <br />
          <span className="error-text">
            {mail.status === 'failed' ? 'Refused: ' : 'Last try failed, retrying: '}
            {mail.error}
          </span>
        </>
      )}
    </p>
  );
}

/** "Name via mail" for a comment or review taken from a reply on the list. */
export function MailAuthor({
  author,
  mail,
}: {
  author: { name: string };
  mail?: { from: string; viaAccount: boolean; patch: string | null } | null;
}) {
  if (!mail) return <strong>{author.name}</strong>;
  return (
    <>
      <strong>{mail.viaAccount ? author.name : mail.from}</strong>{' '}
      <span className="badge" title="Taken from a reply on the mailing list">
        via mail
      </span>
      {mail.patch && <span className="small muted"> · on {mail.patch}</span>}
    </>
  );
}
