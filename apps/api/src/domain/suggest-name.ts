import { FLAG_NAME_PATTERN, jsonPointer } from '@dust/model';
import type { PrismaClient } from '../db/types';
import { asGrouping } from '../lib/present';
import { badRequest } from '../lib/problem';
import { appendEvent } from './append-event';
import { findProposal } from './find-proposal';
import { assertOpen } from './proposal-guards';

export const suggestionInclude = {
  author: { select: { id: true, name: true } },
  votes: { select: { userId: true } },
} as const;

/** Anyone suggests another name for a flag of the latest revision; checked like any flag name. */
export async function suggestName(
  prisma: PrismaClient,
  authorId: number,
  proposalId: number,
  input: { flag: string; name: string; reason: string },
) {
  return prisma.$transaction(async (tx) => {
    const proposal = await findProposal(tx, proposalId);
    assertOpen(proposal);
    const latest = proposal.revisions.at(-1);
    const flags = latest ? asGrouping(latest.grouping).flags : [];
    const flag = flags.find((f) => f.name === input.flag);
    if (!flag) throw badRequest(`The latest revision has no flag named "${input.flag}".`);
    const path = jsonPointer('name');
    if (!FLAG_NAME_PATTERN.test(input.name)) {
      throw badRequest('The suggested name is not a valid flag name.', [
        {
          severity: 'error',
          code: 'FLAG_NAME_INVALID',
          message: `"${input.name}" does not match ${FLAG_NAME_PATTERN.source} (rendered as SECCOMP_FLAG_<NAME>).`,
          path,
        },
      ]);
    }
    if (flags.some((f) => f.name === input.name)) {
      throw badRequest('Another flag already has that name.', [
        {
          severity: 'error',
          code: 'FLAG_NAME_DUPLICATE',
          message: `Flag "${input.name}" already exists.`,
          path,
        },
      ]);
    }
    const suggestion = await tx.nameSuggestion.create({
      data: {
        proposalId,
        flagBit: flag.bit,
        flag: flag.name,
        name: input.name,
        reason: input.reason,
        authorId,
      },
      include: suggestionInclude,
    });
    await appendEvent(tx, {
      type: 'name-suggestion.created',
      actorId: authorId,
      proposalId,
      data: { suggestionId: suggestion.id, flag: flag.name, name: input.name },
    });
    return suggestion;
  });
}
