// POST /api/proposals/:id/revisions/:n/post: a revision goes to the list for
// review before approval, as "[RFC PATCH vN …]" — its preview, the series it
// would become if approved now. Its author or a maintainer; once per revision.
import type { MailConfig } from '../../config';
import { isUniqueViolation } from '../../db/errors';
import type { PrismaClient } from '../../db/types';
import { conflict, forbidden, notFound, ProblemError } from '../../lib/problem';
import { type AuthUser, hasRole } from '../../plugins/app/auth';
import { appendEvent } from '../append-event';
import { findProposal, findRevision, lockProposal } from '../find-proposal';
import { renderRevisionPreview } from '../releases/render-revision-preview';
import { listMessages } from './list-messages';
import { POSTING_SELECT, presentMail } from './present-mail';

export function mailOff(): ProblemError {
  return conflict(
    'mail-off',
    'Mail is off on this Dust: set DUST_SMTP_URL, DUST_MAIL_FROM, DUST_LIST_ADDRESS and DUST_PUBLIC_URL.',
  );
}

function alreadyPosted(number: number): ProblemError {
  return conflict('already-posted', `Revision ${number} was posted to the list already.`);
}

/** The cover letter's note: what this RFC is and where it is debated. Titles are indented. */
function coverIntro(mail: MailConfig, proposal: { id: number; title: string }, number: number) {
  return [
    `RFC: revision ${number} of Dust proposal ${proposal.id}, not yet approved:`,
    '',
    `    ${proposal.title}`,
    '',
    `Debate and review: ${mail.publicUrl}/proposals/${proposal.id}`,
    'Replies to this thread come back to Dust as comments; Acked-by:, Reviewed-by:,',
    'Tested-by:, NAKed-by: and "Concern: <text>" lines become reviews.',
  ];
}

export async function postRevision(
  prisma: PrismaClient,
  actor: AuthUser,
  mail: MailConfig | undefined,
  proposalId: number,
  number: number,
) {
  const proposal = await findProposal(prisma, proposalId);
  const revision = await findRevision(prisma, proposalId, number);
  // Who may post is answered before whether this Dust can: a 409 must not tell a stranger more.
  if (actor.id !== proposal.authorId && !hasRole(actor, 'maintainer')) {
    throw forbidden('Only the proposal’s author or a maintainer can post it to the list.');
  }
  if (!mail) throw mailOff();
  if (proposal.status !== 'open') {
    throw conflict('proposal-not-open', `Proposal ${proposalId} is ${proposal.status}.`);
  }
  if (await prisma.mailPosting.findUnique({ where: { revisionId: revision.id } })) {
    throw alreadyPosted(number);
  }
  const preview = await renderRevisionPreview(prisma, proposalId, number);
  if (preview.kind === 'not-found') throw notFound(preview.what);
  if (preview.kind === 'invalid') {
    throw new ProblemError(
      422,
      'Unprocessable Content',
      `Revision ${number} is invalid: there is no series to post.`,
      { type: 'invalid-revision', diagnostics: preview.diagnostics },
    );
  }
  const messages = listMessages(preview.series.files, mail, {
    rfc: { idPrefix: `rfc-p${proposalId}-n${number}.` },
    coverIntro: coverIntro(mail, proposal, number),
  });
  try {
    return await prisma.$transaction(async (tx) => {
      await lockProposal(tx, proposalId);
      const posting = await tx.mailPosting.create({
        data: {
          kind: 'rfc',
          revisionId: revision.id,
          recipients: [mail.listAddress],
          messages: { create: messages },
        },
        select: { id: true, ...POSTING_SELECT },
      });
      await appendEvent(tx, {
        type: 'mail.queued',
        actorId: actor.id,
        proposalId,
        revisionId: revision.id,
        data: {
          postingId: posting.id,
          kind: 'rfc',
          revision: number,
          to: mail.listAddress,
          messageId: messages[0]?.messageId ?? null,
        },
      });
      return presentMail(posting) as NonNullable<ReturnType<typeof presentMail>>;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyPosted(number);
    throw error;
  }
}
