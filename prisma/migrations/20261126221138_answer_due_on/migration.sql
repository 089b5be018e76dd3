-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "answer_due_on" DATE;

-- CreateIndex
CREATE INDEX "cases_org_id_answer_due_on_idx" ON "cases"("org_id", "answer_due_on");
