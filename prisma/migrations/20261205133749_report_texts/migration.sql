-- CreateTable
CREATE TABLE "report_texts" (
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "sections" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_texts_pkey" PRIMARY KEY ("org_id","year")
);

-- AddForeignKey
ALTER TABLE "report_texts" ADD CONSTRAINT "report_texts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
