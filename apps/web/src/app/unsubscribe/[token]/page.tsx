import type { Metadata } from 'next';
import { UnsubscribeButton } from '../../../components/actions/UnsubscribeButton';

export const metadata: Metadata = { title: 'Unsubscribe' };

// The page a notification's "turn these mails off" link opens. Opening it changes
// nothing (link scanners open links); the button does, as the mail client's
// one-click List-Unsubscribe does.
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <h1>Dust notification mail</h1>
      <p>Stop the mail Dust sends you about proposals you took part in?</p>
      <UnsubscribeButton token={token} />
      <p className="muted small">
        You can turn it back on from your account page. What happened stays listed there.
      </p>
    </>
  );
}
