-- Full-text search over proposals (docs/design.md, "Review workflow"): one
-- tsvector per proposal, GIN-indexed, recomputed by dust_proposal_search(id)
-- whenever its title, rationale, revisions or comments change. The same SQL
-- runs on PGlite and PostgreSQL.

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "search" tsvector;

-- CreateIndex
CREATE INDEX "Proposal_search_idx" ON "Proposal" USING GIN ("search");

-- Weights: A title and flag names, B rationale and flag descriptions, C comments.
-- Comments are cut at 200000 characters so a long debate stays under tsvector's 1 MB.
CREATE FUNCTION dust_proposal_search(pid integer) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', p.title), 'A')
      || setweight(to_tsvector('english', coalesce((
           SELECT string_agg(DISTINCT f->>'name', ' ')
             FROM "Revision" r, jsonb_array_elements(r.grouping->'flags') f
            WHERE r."proposalId" = p.id), '')), 'A')
      || setweight(to_tsvector('english', p.rationale), 'B')
      || setweight(to_tsvector('english', coalesce((
           SELECT string_agg(DISTINCT f->>'description', ' ')
             FROM "Revision" r, jsonb_array_elements(r.grouping->'flags') f
            WHERE r."proposalId" = p.id), '')), 'B')
      || setweight(to_tsvector('english', left(coalesce((
           SELECT string_agg(c.body, ' ' ORDER BY c.id)
             FROM "Comment" c
            WHERE c."proposalId" = p.id), ''), 200000)), 'C')
    FROM "Proposal" p
   WHERE p.id = pid
$$;

-- Backfill
UPDATE "Proposal" SET "search" = dust_proposal_search(id);
