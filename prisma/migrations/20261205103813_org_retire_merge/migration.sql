-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "merged_into_id" INTEGER,
ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- AddForeignKey
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
