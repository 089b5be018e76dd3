-- AlterEnum
ALTER TYPE "DocumentType" ADD VALUE 'notice_correction';

-- AlterTable
ALTER TABLE "correction_requests" ADD COLUMN     "notice_delivered_on" DATE;

-- AlterTable
ALTER TABLE "deliveries" ALTER COLUMN "recorded_by_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "corrects_document_id" UUID,
ADD COLUMN     "stated_dates" JSONB;

-- AlterTable
ALTER TABLE "fee_notices" ADD COLUMN     "computation" JSONB;
