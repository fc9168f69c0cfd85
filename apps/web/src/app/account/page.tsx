import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ActionButton } from '../../components/actions/ActionButton';
import { PasswordForm } from '../../components/actions/PasswordForm';
import { SignOutButton } from '../../components/actions/SignOutButton';
import { TokenForm } from '../../components/actions/TokenForm';
import { Time } from '../../components/Time';
import { getMailSettings, listNotifications, listTokens } from '../../lib/server/queries';
import { getViewer } from '../../lib/server/viewer';
import { withProblem } from '../../lib/server/with-problem';
import { TOKENS_PATH } from '../../lib/shared/auth-paths';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?next=/account');
  return withProblem(async () => {
    const [allTokens, settings, notifications] = await Promise.all([
      listTokens(),
      getMailSettings(),
      listNotifications(),
    ]);
    const tokens = allTokens.filter((t) => t.revokedAt === null);
    const newest = notifications.items[0]?.id;
    return (
      <>
        <h1>{viewer.name}</h1>
        <p className="row">
          <span className="badge">{viewer.role}</span>
          <SignOutButton />
        </p>
        <h2 id="notifications">
          Since you last looked{notifications.unread > 0 ? ` (${notifications.unread} new)` : ''}
        </h2>
        {notifications.items.length === 0 ? (
          <p className="empty">Nothing has happened on proposals you took part in.</p>
        ) : (
          <>
            <ul data-testid="notifications">
              {notifications.items.map((n) => (
                <li key={n.id} className={n.unread ? 'unread' : 'muted'}>
                  {n.unread && <span className="badge">new</span>}{' '}
                  {n.proposal ? (
                    <Link href={`/proposals/${n.proposal.id}`}>{n.summary}</Link>
                  ) : (
                    n.summary
                  )}{' '}
                  <span className="small muted">
                    <Time iso={n.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
            {notifications.unread > 0 && newest !== undefined && (
              <ActionButton
                method="POST"
                path="/api/me/notifications/seen"
                body={{ upTo: newest }}
                label="Mark all as seen"
              />
            )}
          </>
        )}
        <h2>Mail</h2>
        {settings.mail === 'off' ? (
          <p className="muted">Mail is off on this Dust.</p>
        ) : (
          <p className="row" data-testid="mail-settings">
            <span>
              {settings.mailNotifications ? 'You get mail' : 'You get no mail'} about proposals you
              took part in
              {settings.email
                ? `, at ${settings.email}${settings.emailVerified ? '' : ' (not verified: no mail goes there)'}`
                : ' (no email address on this account: ask an admin)'}
              .
            </span>
            <ActionButton
              method="PATCH"
              path="/api/me"
              body={{ mailNotifications: !settings.mailNotifications }}
              label={
                settings.mailNotifications
                  ? 'Turn notification mail off'
                  : 'Turn notification mail on'
              }
            />
          </p>
        )}
        <h2>API tokens</h2>
        <p className="muted">
          For the <code>dust</code> command line and scripts. Tokens are stored hashed.
        </p>
        {tokens.length === 0 ? (
          <p className="empty">No tokens.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Created</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.name || <span className="muted">(unnamed)</span>}{' '}
                    <code className="small">{t.prefix}…</code>
                  </td>
                  <td className="small">
                    <Time iso={t.createdAt} />
                  </td>
                  <td className="small">
                    <Time iso={t.lastUsedAt} />
                  </td>
                  <td>
                    <ActionButton
                      method="DELETE"
                      path={`${TOKENS_PATH}/${encodeURIComponent(t.id)}`}
                      label="Revoke"
                      className="danger"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>New token</h2>
        <TokenForm />
        <h2>Password</h2>
        <PasswordForm />
      </>
    );
  });
}
