-- AlterTable
ALTER TABLE "document_templates" ADD COLUMN     "current_version_id" UUID,
ADD COLUMN     "version_no" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "template_version_id" UUID,
ADD COLUMN     "title" TEXT;

-- CreateTable
CREATE TABLE "document_template_versions" (
    "id" UUID NOT NULL,
    "org_id" INTEGER,
    "type" "DocumentType" NOT NULL,
    "version" INTEGER NOT NULL,
    "number_tag" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "revert_of" INTEGER,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_template_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "document_template_versions_org_id_type_version_key" ON "document_template_versions"("org_id", "type", "version");

-- CreateIndex
CREATE UNIQUE INDEX "document_templates_current_version_id_key" ON "document_templates"("current_version_id");

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_template_version_id_fkey" FOREIGN KEY ("template_version_id") REFERENCES "document_template_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_templates" ADD CONSTRAINT "document_templates_current_version_id_fkey" FOREIGN KEY ("current_version_id") REFERENCES "document_template_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_template_versions" ADD CONSTRAINT "document_template_versions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Data: every override written before versioning becomes its version 1 (issue 11 item 4).
INSERT INTO "document_template_versions" ("id", "org_id", "type", "version", "number_tag", "title", "body", "created_at")
SELECT gen_random_uuid(), t."org_id", t."type", 1, t."number_tag", t."title", t."body", t."updated_at" FROM "document_templates" t;
UPDATE "document_templates" t SET "version_no" = 1, "current_version_id" = v."id"
FROM "document_template_versions" v
WHERE v."org_id" IS NOT DISTINCT FROM t."org_id" AND v."type" = t."type" AND v."version" = 1;
