-- Personal data at rest (lib/privacy/personal-data.ts): mobile numbers, e-mail and postal addresses move to
-- encrypted columns with blind indexes. Encryption needs the application key, which SQL does not have: this
-- migration only renames the plain columns to *_plain (keeping their data) and adds the new ones; the app
-- converts the plain values at start (lib/privacy/convert.ts, idempotent) and clears them.

-- DropIndex (the unique identifiers move to the blind indexes)
DROP INDEX "users_email_key";

-- DropIndex
DROP INDEX "users_mobile_key";

-- AlterTable
ALTER TABLE "cases" RENAME COLUMN "email" TO "email_plain";
ALTER TABLE "cases" RENAME COLUMN "mobile" TO "mobile_plain";
ALTER TABLE "cases" RENAME COLUMN "postal_address" TO "postal_address_plain";
ALTER TABLE "cases" ADD COLUMN     "email_bidx" TEXT,
ADD COLUMN     "email_enc" TEXT,
ADD COLUMN     "id_number_bidx" TEXT,
ADD COLUMN     "mobile_bidx" TEXT,
ADD COLUMN     "mobile_enc" TEXT,
ADD COLUMN     "postal_address_enc" TEXT;

-- AlterTable
ALTER TABLE "outbox_messages" RENAME COLUMN "recipient" TO "recipient_plain";
ALTER TABLE "outbox_messages" ALTER COLUMN "recipient_plain" DROP NOT NULL;
ALTER TABLE "outbox_messages" ADD COLUMN     "recipient_enc" TEXT;

-- AlterTable
ALTER TABLE "users" RENAME COLUMN "email" TO "email_plain";
ALTER TABLE "users" RENAME COLUMN "mobile" TO "mobile_plain";
ALTER TABLE "users" ADD COLUMN     "email_bidx" TEXT,
ADD COLUMN     "email_enc" TEXT,
ADD COLUMN     "mobile_bidx" TEXT,
ADD COLUMN     "mobile_enc" TEXT;

-- CreateTable
CREATE TABLE "key_rotations" (
    "id" SERIAL NOT NULL,
    "target_key_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "cursors" JSONB NOT NULL DEFAULT '{}',
    "rows_done" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "key_rotations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "key_rotations_target_key_id_status_idx" ON "key_rotations"("target_key_id", "status");

-- CreateIndex
CREATE INDEX "cases_mobile_bidx_idx" ON "cases"("mobile_bidx");

-- CreateIndex
CREATE INDEX "cases_email_bidx_idx" ON "cases"("email_bidx");

-- CreateIndex
CREATE INDEX "cases_id_number_bidx_idx" ON "cases"("id_number_bidx");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_bidx_key" ON "users"("email_bidx");

-- CreateIndex
CREATE UNIQUE INDEX "users_mobile_bidx_key" ON "users"("mobile_bidx");
