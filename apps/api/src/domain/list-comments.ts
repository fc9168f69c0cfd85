import type { PrismaClient } from '../db/types';
import { toPage } from '../lib/paginate';
import { findProposal } from './find-proposal';
import { MAIL_ORIGIN_SELECT } from './mail/present-mail';

export interface CommentFilter {
  revision?: number | undefined;
  flag?: string | undefined;
  syscall?: string | undefined;
  cursor?: number | undefined;
  limit: number;
}

/** Oldest first, as a conversation reads. */
export async function listComments(prisma: PrismaClient, proposalId: number, f: CommentFilter) {
  await findProposal(prisma, proposalId);
  const rows = await prisma.comment.findMany({
    where: {
      proposalId,
      ...(f.revision !== undefined ? { revisionNumber: f.revision } : {}),
      ...(f.flag !== undefined ? { flag: f.flag } : {}),
      ...(f.syscall !== undefined ? { syscall: f.syscall } : {}),
      ...(f.cursor ? { id: { gt: f.cursor } } : {}),
    },
    include: {
      author: { select: { id: true, name: true } },
      inboundMail: { select: MAIL_ORIGIN_SELECT },
    },
    orderBy: { id: 'asc' },
    take: f.limit + 1,
  });
  return toPage(rows, f.limit);
}
