// "Your turn", after Gerrit's attention set (docs/design.md, "Review workflow"):
// the open proposals that wait for the caller, each with why and since when.
// Derived from the current state on every read, so an item leaves the list as
// soon as the caller (or anyone) acts on it; nothing is stored.
import { validateGrouping } from '@dust/model';
import type { Db } from '../db/types';
import { asGrouping } from '../lib/present';
import { type AuthUser, hasRole } from '../plugins/app/auth';
import { getBaseline } from './get-baseline';

export type AttentionReason =
  | 'review-on-your-proposal'
  | 'stale-needs-rebase'
  | 'concern-answered'
  | 'ack-outdated'
  | 'ready-to-approve'
  | 'fcp-ending';

export const ATTENTION_REASONS: readonly AttentionReason[] = [
  'review-on-your-proposal',
  'stale-needs-rebase',
  'concern-answered',
  'ack-outdated',
  'ready-to-approve',
  'fcp-ending',
];

/** A final comment period ending this soon asks maintainers to look. */
export const FCP_ENDING_MS = 24 * 3_600_000;

const proposalSelect = {
  id: true,
  title: true,
  status: true,
  stale: true,
  latestRevision: true,
  authorId: true,
  author: { select: { id: true, name: true } },
  createdAt: true,
  updatedAt: true,
  revisions: {
    select: { id: true, number: true, createdAt: true },
    orderBy: { number: 'asc' },
  },
  fcps: { where: { status: 'running' }, select: { endsAt: true, startedAt: true } },
} as const;

type OpenProposal = Awaited<ReturnType<typeof openProposals>>[number];

export interface AttentionItem {
  proposal: OpenProposal;
  reason: AttentionReason;
  since: Date;
}

function openProposals(db: Db) {
  return db.proposal.findMany({
    where: { status: 'open' },
    select: proposalSelect,
    orderBy: { id: 'asc' },
  });
}

const latestOf = (p: OpenProposal) => p.revisions.find((r) => r.number === p.latestRevision);
/** The first revision written after `t`, if any. */
const firstRevisionAfter = (p: OpenProposal, t: Date) =>
  p.revisions.find((r) => r.createdAt.getTime() > t.getTime());
const earliest = (dates: Date[]) =>
  dates.reduce<Date | null>((a, d) => (a === null || d < a ? d : a), null);
const latestDate = (dates: Date[]) =>
  dates.reduce<Date | null>((a, d) => (a === null || d > a ? d : a), null);

export async function listAttention(
  db: Db,
  user: AuthUser,
  now: Date = new Date(),
): Promise<AttentionItem[]> {
  const proposals = await openProposals(db);
  const items: AttentionItem[] = [
    ...(await asAuthor(db, user, proposals)),
    ...(await asReviewer(db, user, proposals)),
    ...(hasRole(user, 'maintainer') ? await asMaintainer(db, proposals, now) : []),
  ];
  // Longest waiting first; ties in a fixed order.
  return items.sort(
    (a, b) =>
      a.since.getTime() - b.since.getTime() ||
      a.proposal.id - b.proposal.id ||
      ATTENTION_REASONS.indexOf(a.reason) - ATTENTION_REASONS.indexOf(b.reason),
  );
}

/** On the caller's own proposals: debate since their latest revision, and a moved baseline. */
async function asAuthor(db: Db, user: AuthUser, all: OpenProposal[]): Promise<AttentionItem[]> {
  const own = all.filter((p) => p.authorId === user.id);
  if (own.length === 0) return [];
  const ids = own.map((p) => p.id);
  const [reviews, comments, staleEvents] = await Promise.all([
    db.review.findMany({
      where: {
        verdict: { in: ['nak', 'concern'] },
        authorId: { not: user.id },
        revision: { proposalId: { in: ids } },
      },
      select: { createdAt: true, revision: { select: { proposalId: true } } },
    }),
    db.comment.findMany({
      where: { proposalId: { in: ids }, authorId: { not: user.id } },
      select: { proposalId: true, createdAt: true },
    }),
    db.event.findMany({
      where: { type: 'proposal.stale', proposalId: { in: ids } },
      select: { proposalId: true, createdAt: true },
    }),
  ]);
  const items: AttentionItem[] = [];
  for (const p of own) {
    const latest = latestOf(p);
    if (!latest) continue;
    const after = (d: Date) => d.getTime() > latest.createdAt.getTime();
    const debate = [
      ...reviews.filter((r) => r.revision.proposalId === p.id).map((r) => r.createdAt),
      ...comments.filter((c) => c.proposalId === p.id).map((c) => c.createdAt),
    ].filter(after);
    const since = earliest(debate);
    if (since) items.push({ proposal: p, reason: 'review-on-your-proposal', since });
    if (p.stale) {
      const moved = latestDate(
        staleEvents.filter((e) => e.proposalId === p.id).map((e) => e.createdAt),
      );
      items.push({ proposal: p, reason: 'stale-needs-rebase', since: moved ?? p.updatedAt });
    }
  }
  return items;
}

/** On proposals the caller reviewed: a revision after their open concern, or after their ack. */
async function asReviewer(db: Db, user: AuthUser, all: OpenProposal[]): Promise<AttentionItem[]> {
  const mine = await db.review.findMany({
    where: {
      authorId: user.id,
      verdict: { in: ['ack', 'concern'] },
      revision: { proposal: { status: 'open' } },
    },
    select: {
      verdict: true,
      resolved: true,
      outdated: true,
      createdAt: true,
      revision: { select: { proposalId: true } },
    },
  });
  const reviewed = [...new Set(mine.map((r) => r.revision.proposalId))];
  // The revision that changed the grouping, not merely the next one, outdated the ack.
  const outdatings = await db.event.findMany({
    where: { type: 'reviews.outdated', proposalId: { in: reviewed } },
    select: { proposalId: true, createdAt: true },
  });
  const items: AttentionItem[] = [];
  for (const p of all) {
    const reviews = mine.filter((r) => r.revision.proposalId === p.id);
    if (reviews.length === 0) continue;
    const answered = reviews
      .filter((r) => r.verdict === 'concern' && !r.resolved)
      .map((r) => firstRevisionAfter(p, r.createdAt)?.createdAt)
      .filter((d): d is Date => d !== undefined);
    const since = earliest(answered);
    if (since) items.push({ proposal: p, reason: 'concern-answered', since });
    const acks = reviews.filter((r) => r.verdict === 'ack');
    // Outdated only while no ack of the caller counts for the current grouping.
    if (acks.length > 0 && acks.every((a) => a.outdated)) {
      const lastAck = latestDate(acks.map((a) => a.createdAt)) as Date;
      const since = earliest(
        outdatings
          .filter((e) => e.proposalId === p.id && e.createdAt.getTime() > lastAck.getTime())
          .map((e) => e.createdAt),
      );
      if (since) items.push({ proposal: p, reason: 'ack-outdated', since });
    }
  }
  return items;
}

/** For maintainers: what could be approved now, and final comment periods about to end. */
async function asMaintainer(db: Db, all: OpenProposal[], now: Date): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];
  for (const p of all) {
    const fcp = p.fcps[0];
    if (fcp && fcp.endsAt.getTime() - now.getTime() <= FCP_ENDING_MS) {
      const since = new Date(
        Math.max(fcp.startedAt.getTime(), fcp.endsAt.getTime() - FCP_ENDING_MS),
      );
      items.push({ proposal: p, reason: 'fcp-ending', since });
    }
  }
  const candidates = all.filter((p) => !p.stale && p.fcps.length === 0);
  if (candidates.length === 0) return items;
  const ids = candidates.map((p) => p.id);
  const [baseline, reviews, latestRevisions] = await Promise.all([
    getBaseline(db),
    db.review.findMany({
      where: {
        revision: { proposalId: { in: ids } },
        OR: [
          { verdict: 'ack', outdated: false },
          { verdict: 'concern', resolved: false },
          { verdict: 'concern', resolved: true },
        ],
      },
      select: {
        verdict: true,
        resolved: true,
        resolvedAt: true,
        outdated: true,
        createdAt: true,
        revision: { select: { proposalId: true } },
      },
    }),
    db.revision.findMany({
      where: { id: { in: candidates.map((p) => latestOf(p)?.id ?? 0) } },
      select: { id: true, proposalId: true, baseRelease: true, grouping: true, createdAt: true },
    }),
  ]);
  for (const p of candidates) {
    const revision = latestRevisions.find((r) => r.proposalId === p.id);
    if (!revision || revision.baseRelease !== baseline.release.number) continue;
    const own = reviews.filter((r) => r.revision.proposalId === p.id);
    const acks = own.filter((r) => r.verdict === 'ack' && !r.outdated);
    if (acks.length === 0) continue;
    if (own.some((r) => r.verdict === 'concern' && !r.resolved)) continue;
    const report = validateGrouping(asGrouping(revision.grouping), {
      baseline: baseline.grouping,
    });
    if (!report.valid) continue;
    // Ready since the last of: the revision, its first ack, the last concern resolved.
    const resolved = own
      .filter((r) => r.verdict === 'concern' && r.resolvedAt)
      .map((r) => r.resolvedAt as Date);
    const since = latestDate([
      revision.createdAt,
      earliest(acks.map((a) => a.createdAt)) as Date,
      ...resolved,
    ]) as Date;
    items.push({ proposal: p, reason: 'ready-to-approve', since });
  }
  return items;
}
