import { presentMailOrigin } from '../domain/mail/present-mail';
import type { Comment, NameSuggestion, Review } from '../generated/prisma/client';
import { iso, isoOrNull, userRef } from './present';

type Author = { author: { id: number; name: string } };
/** Loaded with MAIL_ORIGIN_SELECT where the reader shows where a reply came from. */
type MailOrigin = {
  inboundMail?: Parameters<typeof presentMailOrigin>[0];
};

export const presentComment = (c: Comment & Author & MailOrigin) => ({
  id: c.id,
  proposalId: c.proposalId,
  revision: c.revisionNumber,
  flag: c.flag,
  syscall: c.syscall,
  body: c.body,
  author: userRef(c.author),
  createdAt: iso(c.createdAt),
  mail: presentMailOrigin(c.inboundMail),
});

export const presentReview = (
  r: Review & Author & MailOrigin & { revision: { number: number; proposalId: number } },
) => ({
  id: r.id,
  proposalId: r.revision.proposalId,
  revision: r.revision.number,
  verdict: r.verdict,
  body: r.body,
  resolved: r.resolved,
  resolvedAt: isoOrNull(r.resolvedAt),
  outdated: r.outdated,
  author: userRef(r.author),
  createdAt: iso(r.createdAt),
  source: r.source === 'mail' ? ('mail' as const) : ('web' as const),
  mail: presentMailOrigin(r.inboundMail),
});

export const presentNameSuggestion = (
  s: NameSuggestion & Author & { votes: { userId: number }[] },
  viewerId: number | null,
) => ({
  id: s.id,
  proposalId: s.proposalId,
  flagBit: s.flagBit,
  flag: s.flag,
  name: s.name,
  reason: s.reason,
  votes: s.votes.length,
  voted: viewerId !== null && s.votes.some((v) => v.userId === viewerId),
  adoptedInRevision: s.adoptedInRevision,
  author: userRef(s.author),
  createdAt: iso(s.createdAt),
});
