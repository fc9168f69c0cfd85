import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="card stack" role="alert">
      <h1>404 Not found</h1>
      <p>There is no such page, proposal, revision or release.</p>
      <p>
        <Link href="/proposals">Proposals</Link> · <Link href="/releases">Releases</Link> ·{' '}
        <Link href="/syscalls">Syscalls</Link>
      </p>
    </section>
  );
}
