import type { AttentionItem } from '@dust/contract';
import Link from 'next/link';
import { ATTENTION_WORDING } from '../lib/server/attention';
import { Time } from './Time';

/** The home page's "Your turn" list: what waits for the signed-in user, longest waiting first. */
export function YourTurn({ items }: { items: AttentionItem[] }) {
  return (
    <section id="your-turn" aria-labelledby="your-turn-heading" className="panel">
      <h2 id="your-turn-heading" style={{ marginTop: 0 }}>
        Your turn ({items.length})
      </h2>
      {items.length === 0 ? (
        <p className="muted">Nothing waits for you.</p>
      ) : (
        <ul className="your-turn">
          {items.map((item) => (
            <li key={`${item.proposal.id}-${item.reason}`} data-reason={item.reason}>
              <Link href={`/proposals/${item.proposal.id}`}>
                #{item.proposal.id} {item.proposal.title}
              </Link>{' '}
              — {ATTENTION_WORDING[item.reason]}{' '}
              <span className="small muted">
                since <Time iso={item.since} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
