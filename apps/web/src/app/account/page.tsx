import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ActionButton } from '../../components/actions/ActionButton';
import { PasswordForm } from '../../components/actions/PasswordForm';
import { SignOutButton } from '../../components/actions/SignOutButton';
import { TokenForm } from '../../components/actions/TokenForm';
import { Time } from '../../components/Time';
import { TOKENS_PATH } from '../../lib/auth-paths';
import { listTokens } from '../../lib/queries';
import { getViewer } from '../../lib/viewer';
import { withProblem } from '../../lib/with-problem';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?next=/account');
  return withProblem(async () => {
    const tokens = (await listTokens()).filter((t) => t.revokedAt === null);
    return (
      <>
        <h1>{viewer.name}</h1>
        <p className="row">
          <span className="badge">{viewer.role}</span>
          <SignOutButton />
        </p>
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
