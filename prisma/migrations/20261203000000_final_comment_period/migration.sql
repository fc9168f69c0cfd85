-- Final comment periods (docs/design.md, "Review workflow"). Only additions.

-- CreateEnum
CREATE TYPE "FcpDisposition" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "FcpStatus" AS ENUM ('running', 'finished', 'cancelled');

-- CreateTable
CREATE TABLE "FinalCommentPeriod" (
    "id" SERIAL NOT NULL,
    "proposalId" INTEGER NOT NULL,
    "revisionId" INTEGER NOT NULL,
    "disposition" "FcpDisposition" NOT NULL,
    "status" "FcpStatus" NOT NULL DEFAULT 'running',
    "startedById" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "claimedBy" TEXT,
    "claimExpiresAt" TIMESTAMP(3),

    CONSTRAINT "FinalCommentPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FinalCommentPeriod_status_endsAt_idx" ON "FinalCommentPeriod"("status", "endsAt");

-- CreateIndex
CREATE INDEX "FinalCommentPeriod_proposalId_id_idx" ON "FinalCommentPeriod"("proposalId", "id");

-- AddForeignKey
ALTER TABLE "FinalCommentPeriod" ADD CONSTRAINT "FinalCommentPeriod_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinalCommentPeriod" ADD CONSTRAINT "FinalCommentPeriod_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinalCommentPeriod" ADD CONSTRAINT "FinalCommentPeriod_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
