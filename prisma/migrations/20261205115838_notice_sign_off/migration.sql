-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "step_input" JSONB;

-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "notice_sign_off" BOOLEAN NOT NULL DEFAULT false;
