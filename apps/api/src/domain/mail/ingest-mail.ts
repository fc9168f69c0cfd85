// Taking in one reply from the list (POST /api/mail, `dust mail ingest`, the
// lore follower). Idempotent by Message-Id. A reply to an RFC posting becomes a
// comment on the proposal (its own text: no quotes, no signature) and its
// trailers and Concern: lines reviews of that revision; a reply to a release's
// series becomes a comment only, as a release never changes (docs/design.md, "Mail").
import {
  extractReplyText,
  findReplyTrailers,
  isTrailerOrConcernLine,
  type MailTrailer,
  matchThread,
  replyAncestors,
  type ThreadPoint,
} from '@dust/model';
import { isUniqueViolation } from '../../db/errors';
import type { Db, PrismaClient, Tx } from '../../db/types';
import type { Verdict } from '../../generated/prisma/client';
import { type ParsedMail, parseMail } from '../../mail/parse-mail';
import { appendEvent } from '../append-event';
import { cancelRunningFcp } from '../fcp/cancel-running-fcp';
import { lockProposal } from '../find-proposal';
import { refreshProposalSearch } from '../refresh-proposal-search';
import { mailAccountId } from './mail-account';

export type ReceivedVia = 'api' | 'lore';

export interface IngestResult {
  status: 'ingested' | 'duplicate' | 'own' | 'ignored';
  messageId: string;
  detail: string;
  proposalId: number | null;
  revision: number | null;
  release: number | null;
  patch: string | null;
  commentId: number | null;
  reviews: { id: number; verdict: Verdict }[];
  rejectedTrailers: { line: string; reason: string }[];
}

const VERDICTS: Record<MailTrailer['kind'], Verdict> = {
  acked: 'ack',
  reviewed: 'ack',
  tested: 'ack',
  nacked: 'nak',
};

const COMMENT_MAX = 20_000;

function result(
  mail: ParsedMail,
  status: IngestResult['status'],
  detail: string,
  extra: Partial<IngestResult> = {},
): IngestResult {
  return {
    status,
    messageId: mail.messageId,
    detail,
    proposalId: null,
    revision: null,
    release: null,
    patch: null,
    commentId: null,
    reviews: [],
    rejectedTrailers: [],
    ...extra,
  };
}

/** The thread points of the ancestors Dust knows: messages it sent, replies it took in. */
async function knownPoints(db: Db, ids: string[]): Promise<Map<string, ThreadPoint>> {
  const known = new Map<string, ThreadPoint>();
  if (ids.length === 0) return known;
  const sent = await db.outboundMessage.findMany({
    where: { messageId: { in: ids }, posting: { kind: { in: ['series', 'rfc'] } } },
    include: {
      posting: {
        include: {
          revision: { select: { id: true, proposalId: true } },
          release: { select: { id: true, revision: { select: { id: true, proposalId: true } } } },
        },
      },
    },
  });
  for (const m of sent) {
    const { posting } = m;
    const revision = posting.revision ?? posting.release?.revision;
    if (!revision) continue;
    known.set(m.messageId, {
      proposalId: revision.proposalId,
      revisionId: revision.id,
      releaseId: posting.release?.id ?? null,
      patch: m.patch,
    });
  }
  const received = await db.inboundMail.findMany({ where: { messageId: { in: ids } } });
  for (const r of received) {
    known.set(r.messageId, {
      proposalId: r.proposalId,
      revisionId: r.revisionId,
      releaseId: r.releaseId,
      patch: r.patch,
    });
  }
  return known;
}

/** The comment: what the reply says besides its trailers and concerns (those become reviews). */
function commentText(replyText: string): string | null {
  const rest = replyText
    .split('\n')
    .filter((line) => !isTrailerOrConcernLine(line))
    .join('\n')
    .trim();
  return rest === '' ? null : replyText.slice(0, COMMENT_MAX);
}

export async function ingestMail(
  prisma: PrismaClient,
  raw: Buffer | string,
  via: ReceivedVia,
): Promise<IngestResult> {
  const mail = await parseMail(raw);
  if (await prisma.inboundMail.findUnique({ where: { messageId: mail.messageId } })) {
    return result(mail, 'duplicate', 'This message was taken in before; nothing changed.');
  }
  if (await prisma.outboundMessage.findUnique({ where: { messageId: mail.messageId } })) {
    return result(mail, 'own', 'Dust sent this message; nothing to take in.');
  }
  const ancestors = replyAncestors(mail.inReplyTo, mail.references);
  const point = matchThread(ancestors, await knownPoints(prisma, ancestors));
  if (!point) {
    return result(mail, 'ignored', 'It does not answer a series or RFC Dust posted.');
  }
  const outsiderId = await mailAccountId(prisma);
  try {
    return await prisma.$transaction((tx) => storeReply(tx, { mail, via, point, outsiderId }), {
      timeout: 30_000,
      maxWait: 30_000,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return result(mail, 'duplicate', 'This message was taken in meanwhile; nothing changed.');
    }
    throw error;
  }
}

async function storeReply(
  tx: Tx,
  input: {
    mail: ParsedMail;
    via: ReceivedVia;
    point: ThreadPoint & { parent: string };
    outsiderId: number;
  },
): Promise<IngestResult> {
  const { mail, via, point } = input;
  await lockProposal(tx, point.proposalId);
  const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: point.proposalId } });
  const revision = point.revisionId
    ? await tx.revision.findUnique({ where: { id: point.revisionId } })
    : null;
  const release = point.releaseId
    ? await tx.release.findUnique({ where: { id: point.releaseId } })
    : null;
  const account = await tx.user.findFirst({
    where: {
      email: { equals: mail.from.address, mode: 'insensitive' },
      emailVerifiedAt: { not: null },
    },
    orderBy: { id: 'asc' },
  });
  const authorId = account?.id ?? input.outsiderId;
  const inbound = await tx.inboundMail.create({
    data: {
      messageId: mail.messageId,
      parentId: point.parent,
      subject: mail.subject,
      fromName: mail.from.name || mail.from.address.split('@')[0] || 'someone',
      fromEmail: mail.from.address,
      userId: account?.id ?? null,
      proposalId: point.proposalId,
      revisionId: point.revisionId,
      releaseId: point.releaseId,
      patch: point.patch,
      receivedVia: via,
    },
  });
  const base = {
    proposalId: point.proposalId,
    revision: revision?.number ?? null,
    release: release?.number ?? null,
    patch: point.patch,
  };
  const origin = { source: 'mail', mailId: inbound.id, messageId: mail.messageId };
  await appendEvent(tx, {
    type: 'mail.received',
    actorId: authorId,
    proposalId: point.proposalId,
    revisionId: revision?.id ?? null,
    releaseId: release?.id ?? null,
    data: { ...origin, via, from: inbound.fromName, patch: point.patch },
  });

  const text = extractReplyText(mail.text);
  const findings = findReplyTrailers(text);
  // Reviews only for a revision under debate: its RFC thread, while the proposal is open,
  // and never by its own author (as on the web). Otherwise the trailers stay in the comment.
  const reviewable =
    revision !== null &&
    release === null &&
    proposal.status === 'open' &&
    authorId !== proposal.authorId;
  const body = reviewable ? commentText(text) : text.slice(0, COMMENT_MAX) || null;
  let commentId: number | null = null;
  if (body) {
    const comment = await tx.comment.create({
      data: {
        proposalId: point.proposalId,
        revisionNumber: revision?.number ?? null,
        body,
        authorId,
        inboundMailId: inbound.id,
      },
    });
    commentId = comment.id;
    await appendEvent(tx, {
      type: 'comment.created',
      actorId: authorId,
      proposalId: point.proposalId,
      data: { ...origin, commentId, revision: comment.revisionNumber, flag: null, syscall: null },
    });
    await refreshProposalSearch(tx, point.proposalId);
  }

  const reviews: { id: number; verdict: Verdict }[] = [];
  if (reviewable && revision) {
    const wanted = [
      ...findings.trailers.map((t) => ({
        verdict: VERDICTS[t.kind],
        body: t.line,
        trailer: t.kind === 'nacked' ? null : t.line,
      })),
      ...findings.concerns.map((c) => ({ verdict: 'concern' as const, body: c, trailer: null })),
    ];
    for (const w of wanted) {
      const review = await tx.review.create({
        data: {
          revisionId: revision.id,
          verdict: w.verdict,
          body: w.body,
          authorId,
          source: 'mail',
          trailer: w.trailer,
          inboundMailId: inbound.id,
        },
      });
      reviews.push({ id: review.id, verdict: review.verdict });
      await appendEvent(tx, {
        type: 'review.created',
        actorId: authorId,
        proposalId: point.proposalId,
        revisionId: revision.id,
        data: {
          ...origin,
          reviewId: review.id,
          verdict: review.verdict,
          revision: revision.number,
        },
      });
      if (review.verdict === 'concern') {
        await cancelRunningFcp(tx, point.proposalId, 'concern', authorId);
      }
    }
  }
  const said = [
    commentId ? 'a comment' : null,
    reviews.length > 0 ? `${reviews.length} review(s)` : null,
  ].filter(Boolean);
  const detail =
    said.length > 0
      ? `Taken in as ${said.join(' and ')}.`
      : 'Stored; it says nothing of its own (only quotes or a signature).';
  const ignoredTrailers =
    !reviewable && findings.trailers.length + findings.concerns.length > 0
      ? release
        ? ' Its trailers stay in the comment: the release is already out.'
        : ' Its trailers stay in the comment: the proposal is not open or the sender is its author.'
      : '';
  return result(mail, 'ingested', detail + ignoredTrailers, {
    ...base,
    commentId,
    reviews,
    rejectedTrailers: findings.rejected,
  });
}
