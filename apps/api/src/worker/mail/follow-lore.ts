// Following the list's archive as b4 does (docs/design.md, "Mail"): for each
// thread Dust posted in the last FOLLOW_DAYS, fetch public-inbox's
// <inbox>/<message-id>/t.mbox.gz and take in what is new (ingest is idempotent
// by Message-Id, and Dust's own messages are recognised). Threads are claimed
// with FOR UPDATE SKIP LOCKED so instances do not fetch the same one at once.
import { gunzipSync } from 'node:zlib';
import { splitMbox } from '@dust/model';
import { ingestMail } from '../../domain/mail/ingest-mail';
import type { PrismaClient } from '../../generated/prisma/client';

export const FOLLOW_DAYS = 30;
const THREADS_PER_ROUND = 5;
const FETCH_TIMEOUT_MS = 30_000;
const MAX_MBOX_BYTES = 64 * 1024 * 1024;

export interface LoreRound {
  threads: number;
  ingested: number;
  errors: string[];
}

/** public-inbox's URL of a thread as one gzipped mbox. */
export function threadMboxUrl(inboxUrl: string, messageId: string): string {
  return `${inboxUrl}${encodeURIComponent(messageId).replaceAll('%40', '@')}/t.mbox.gz`;
}

async function fetchThread(url: string): Promise<string | null> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (response.status === 404) return null; // not archived (yet)
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_MBOX_BYTES)
    throw new Error(`GET ${url}: larger than ${MAX_MBOX_BYTES} bytes`);
  return gunzipSync(body, { maxOutputLength: MAX_MBOX_BYTES }).toString('utf8');
}

export async function followLore(
  prisma: PrismaClient,
  inboxUrl: string,
  pollSeconds: number,
): Promise<LoreRound> {
  const due = await prisma.$queryRaw<{ id: number; messageId: string }[]>`
    UPDATE "MailPosting" AS p
       SET "loreCheckedAt" = (now() AT TIME ZONE 'UTC')
      FROM "OutboundMessage" AS m
     WHERE m."postingId" = p.id AND m.position = 0
       AND p.id IN (SELECT id FROM "MailPosting"
                     WHERE kind IN ('series', 'rfc') AND status = 'sent'
                       AND "sentAt" > (now() AT TIME ZONE 'UTC') - ${FOLLOW_DAYS}::integer * interval '1 day'
                       AND ("loreCheckedAt" IS NULL
                            OR "loreCheckedAt" < (now() AT TIME ZONE 'UTC') - ${Math.ceil(pollSeconds)}::integer * interval '1 second')
                     ORDER BY "loreCheckedAt" NULLS FIRST, id
                     LIMIT ${THREADS_PER_ROUND}
                       FOR UPDATE SKIP LOCKED)
 RETURNING p.id, m."messageId"`;
  const round: LoreRound = { threads: due.length, ingested: 0, errors: [] };
  for (const thread of due) {
    const url = threadMboxUrl(inboxUrl, thread.messageId);
    try {
      const mbox = await fetchThread(url);
      for (const message of mbox ? splitMbox(mbox) : []) {
        try {
          const result = await ingestMail(prisma, message, 'lore');
          if (result.status === 'ingested') round.ingested += 1;
        } catch (error) {
          round.errors.push(`${url}: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      round.errors.push((error as Error).message);
    }
  }
  return round;
}
