-- Pending sign-up challenges (15-minute one-time codes) held the identifier in plain text: they are dropped
-- rather than converted; an applicant in the middle of registering asks for a new code.
DELETE FROM "signup_challenges";

-- AlterTable
ALTER TABLE "signup_challenges" DROP COLUMN "identifier",
ADD COLUMN     "email_bidx" TEXT,
ADD COLUMN     "email_enc" TEXT,
ADD COLUMN     "mobile_bidx" TEXT,
ADD COLUMN     "mobile_enc" TEXT;

-- CreateTable
CREATE TABLE "wrapped_keys" (
    "id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "key_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wrapped_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "wrapped_keys_purpose_key" ON "wrapped_keys"("purpose");

-- CreateIndex
CREATE INDEX "signup_challenges_email_bidx_idx" ON "signup_challenges"("email_bidx");

-- CreateIndex
CREATE INDEX "signup_challenges_mobile_bidx_idx" ON "signup_challenges"("mobile_bidx");
