// A notification as one complete message, composed by nodemailer (which
// encodes every header built from user text: subject, names) with the
// List-Unsubscribe headers of RFC 2369 and RFC 8058 one-click.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailConfig } from '../config';

export interface Notification {
  to: { name: string; address: string };
  subject: string;
  text: string;
  messageId: string;
  /** POSTing to it turns the mails off (RFC 8058); a GET leads to the web page that does. */
  unsubscribeUrl: string;
}

export async function composeNotification(mail: MailConfig, n: Notification): Promise<string> {
  const composer = new MailComposer({
    from: { name: mail.from.name, address: mail.from.address },
    to: { name: n.to.name, address: n.to.address },
    subject: n.subject,
    text: n.text,
    messageId: `<${n.messageId}>`,
    date: new Date(),
    headers: {
      'List-Unsubscribe': `<${n.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  });
  const raw = await composer.compile().build();
  return raw.toString('utf8');
}
