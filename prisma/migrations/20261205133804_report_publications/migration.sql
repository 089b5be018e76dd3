-- CreateTable
CREATE TABLE "report_publications" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "subtree" BOOLEAN NOT NULL,
    "org_name" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "locked_at" TIMESTAMPTZ(3) NOT NULL,
    "published_by_id" UUID NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_by_id" UUID,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_reason" TEXT,

    CONSTRAINT "report_publications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_publications_year_published_at_idx" ON "report_publications"("year", "published_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_publications_org_id_year_version_key" ON "report_publications"("org_id", "year", "version");

-- AddForeignKey
ALTER TABLE "report_publications" ADD CONSTRAINT "report_publications_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
