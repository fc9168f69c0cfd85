import { createHash } from 'node:crypto';

/** The git object id of a blob with this content (`git hash-object`). */
export function gitBlobId(content: string): string {
  const body = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

/** Abbreviation length of object ids in the series, as kernel developers configure git. */
export const ABBREV = 12;
