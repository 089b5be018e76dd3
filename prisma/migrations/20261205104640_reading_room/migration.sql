-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('proposed', 'published', 'rejected', 'withdrawn');

-- CreateTable
CREATE TABLE "publications" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "org_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "PublicationStatus" NOT NULL DEFAULT 'proposed',
    "proposed_by_id" UUID NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "published_on" DATE,
    "withdrawn_by_id" UUID,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawal_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "publications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publication_files" (
    "publication_id" UUID NOT NULL,
    "attachment_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "publication_files_pkey" PRIMARY KEY ("publication_id","attachment_id")
);

-- CreateTable
CREATE TABLE "publication_suggestions" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by_id" UUID,
    "closing_note" TEXT,

    CONSTRAINT "publication_suggestions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "publications_case_id_idx" ON "publications"("case_id");

-- CreateIndex
CREATE INDEX "publications_status_published_on_idx" ON "publications"("status", "published_on");

-- CreateIndex
CREATE INDEX "publications_subject_idx" ON "publications" USING GIN ("subject" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "publications_title_idx" ON "publications" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "publications_live_case_id_key" ON "publications"("case_id") WHERE (status = ANY (ARRAY['proposed'::"PublicationStatus", 'published'::"PublicationStatus"]));

-- CreateIndex
CREATE INDEX "publication_files_attachment_id_idx" ON "publication_files"("attachment_id");

-- CreateIndex
CREATE UNIQUE INDEX "publication_suggestions_case_id_key" ON "publication_suggestions"("case_id");

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_files" ADD CONSTRAINT "publication_files_publication_id_fkey" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_files" ADD CONSTRAINT "publication_files_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "attachments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_suggestions" ADD CONSTRAINT "publication_suggestions_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
