// Database rows → API shapes (dates as ISO strings, JSON columns typed).
import type { Diagnostic, Grouping } from '@dust/model';
import type { ApiToken, User } from '../generated/prisma/client';

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const userRef = (u: { id: number; name: string }) => ({ id: u.id, name: u.name });

export const presentUser = (u: User) => ({
  id: u.id,
  name: u.name,
  role: u.role,
  createdAt: iso(u.createdAt),
});

export const presentToken = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: iso(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
});

/** JSON columns hold what the app wrote: groupings validated by @dust/model. */
export const asGrouping = (json: unknown) => json as Grouping;
export const asDiagnostics = (json: unknown) => json as Diagnostic[];
