import type { Db } from '../db/types';
import { asGrouping } from '../lib/present';

/** The current baseline: the release with the highest number (release 0 always exists). */
export async function getBaseline(db: Db) {
  const release = await db.release.findFirstOrThrow({
    orderBy: { number: 'desc' },
    select: { id: true, number: true, grouping: true },
  });
  return { release, grouping: asGrouping(release.grouping) };
}
