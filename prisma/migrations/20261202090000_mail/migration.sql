-- Mail: the outbox (postings and their messages), replies taken in from the list,
-- mail links on comments and reviews, and per-user mail settings. Only additions.

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('queued', 'sending', 'sent', 'failed');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "mailNotifications" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "seenEventId" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unsubscribeToken" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "inboundMailId" INTEGER;

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "inboundMailId" INTEGER,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'web',
ADD COLUMN     "trailer" TEXT;

-- CreateTable
CREATE TABLE "MailPosting" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "releaseId" INTEGER,
    "revisionId" INTEGER,
    "eventId" INTEGER,
    "userId" INTEGER,
    "recipients" JSONB NOT NULL DEFAULT '[]',
    "status" "MailStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "error" TEXT,
    "sentAt" TIMESTAMP(3),
    "loreCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailPosting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" SERIAL NOT NULL,
    "postingId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "messageId" TEXT NOT NULL,
    "patch" TEXT,
    "raw" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMail" (
    "id" SERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "fromName" TEXT NOT NULL,
    "fromEmail" TEXT NOT NULL,
    "userId" INTEGER,
    "proposalId" INTEGER NOT NULL,
    "revisionId" INTEGER,
    "releaseId" INTEGER,
    "patch" TEXT,
    "receivedVia" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifiedEvent" (
    "eventId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifiedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "MailCursor" (
    "name" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,

    CONSTRAINT "MailCursor_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailPosting_releaseId_key" ON "MailPosting"("releaseId");

-- CreateIndex
CREATE UNIQUE INDEX "MailPosting_revisionId_key" ON "MailPosting"("revisionId");

-- CreateIndex
CREATE INDEX "MailPosting_status_nextAttemptAt_idx" ON "MailPosting"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "MailPosting_eventId_userId_key" ON "MailPosting"("eventId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_messageId_key" ON "OutboundMessage"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_postingId_position_key" ON "OutboundMessage"("postingId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMail_messageId_key" ON "InboundMail"("messageId");

-- CreateIndex
CREATE INDEX "InboundMail_proposalId_id_idx" ON "InboundMail"("proposalId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_unsubscribeToken_key" ON "User"("unsubscribeToken");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_inboundMailId_key" ON "Comment"("inboundMailId");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_inboundMailId_fkey" FOREIGN KEY ("inboundMailId") REFERENCES "InboundMail"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_inboundMailId_fkey" FOREIGN KEY ("inboundMailId") REFERENCES "InboundMail"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailPosting" ADD CONSTRAINT "MailPosting_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailPosting" ADD CONSTRAINT "MailPosting_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailPosting" ADD CONSTRAINT "MailPosting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "MailPosting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Addresses so far were all set by an admin creating the account: they count as verified.
UPDATE "User" SET "emailVerifiedAt" = "createdAt" WHERE "email" IS NOT NULL;
