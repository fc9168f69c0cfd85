// A release's posting is composed by the worker that first claims it, from the
// release's stored series (rendered once, byte-identical to the downloads).
import type { MailConfig } from '../../config';
import { listMessages } from '../../domain/mail/list-messages';
import { renderReleaseSeries } from '../../domain/releases/render-release-series';
import type { PrismaClient } from '../../generated/prisma/client';

export async function composeSeriesPosting(
  prisma: PrismaClient,
  postingId: number,
  mail: MailConfig,
): Promise<void> {
  const posting = await prisma.mailPosting.findUniqueOrThrow({
    where: { id: postingId },
    include: { release: true, _count: { select: { messages: true } } },
  });
  if (posting._count.messages > 0 || !posting.release) return;
  const rendered = await renderReleaseSeries(prisma, posting.release.number);
  if (rendered.kind !== 'ok') {
    throw new Error(`release ${posting.release.number} has no patch series to send`);
  }
  const messages = listMessages(rendered.series.files, mail);
  await prisma.outboundMessage.createMany({
    data: messages.map((m) => ({ ...m, postingId })),
  });
}
