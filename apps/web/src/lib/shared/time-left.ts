/** "3 days 4 hours left", "12 minutes left", "ending now": the coarsest two units that matter. */
export function timeLeft(endsAt: string, now: number): string {
  const ms = Date.parse(endsAt) - now;
  if (!Number.isFinite(ms) || ms <= 0) return 'ending now';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (days > 0) return `${unit(days, 'day')}${hours > 0 ? ` ${unit(hours, 'hour')}` : ''} left`;
  if (hours > 0) return `${unit(hours, 'hour')}${mins > 0 ? ` ${unit(mins, 'minute')}` : ''} left`;
  if (minutes > 0) return `${unit(minutes, 'minute')} left`;
  return `${Math.ceil(ms / 1000)} s left`;
}
