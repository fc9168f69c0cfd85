import type { Db } from '../../db/types';
import type { StoredSeries } from './stored-series';

/**
 * Writes a rendered series with SQL rather than the Prisma client: PGlite's
 * driver adapter (pglite-prisma-adapter 0.6) rejects Bytes parameters (Prisma
 * sends them base64-encoded, PGlite wants a Uint8Array), so the tarball goes in
 * through `decode(…, 'base64')`, which both databases understand.
 *
 * A release's series is written once (a racing writer's identical copy is
 * dropped); a preview is replaced when it was rendered against an older baseline.
 */
export async function storeArtifact(
  prisma: Db,
  target: { kind: 'series'; releaseId: number } | { kind: 'preview'; revisionId: number },
  series: StoredSeries,
): Promise<void> {
  const files = JSON.stringify(series.files);
  const tarGz = series.tarGz.toString('base64');
  if (target.kind === 'series') {
    await prisma.$executeRaw`
      INSERT INTO "ReleaseArtifact" (kind, "releaseId", version, files, mbox, "tarGz", etag)
      VALUES ('series', ${target.releaseId}, ${series.version}, ${files}::jsonb, ${series.mbox},
              decode(${tarGz}, 'base64'), ${series.etag})
      ON CONFLICT ("releaseId") DO NOTHING`;
    return;
  }
  await prisma.$executeRaw`
    INSERT INTO "ReleaseArtifact" (kind, "revisionId", version, files, mbox, "tarGz", etag)
    VALUES ('preview', ${target.revisionId}, ${series.version}, ${files}::jsonb, ${series.mbox},
            decode(${tarGz}, 'base64'), ${series.etag})
    ON CONFLICT ("revisionId") DO UPDATE
      SET version = EXCLUDED.version, files = EXCLUDED.files, mbox = EXCLUDED.mbox,
          "tarGz" = EXCLUDED."tarGz", etag = EXCLUDED.etag, "createdAt" = (now() AT TIME ZONE 'UTC')`;
}
