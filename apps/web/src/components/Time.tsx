/** A timestamp rendered the same on the server and in every browser (UTC, minutes). */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={date.toISOString()}>
      {date.toISOString().slice(0, 16).replace('T', ' ')} UTC
    </time>
  );
}
