-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "answer_details" JSONB;
