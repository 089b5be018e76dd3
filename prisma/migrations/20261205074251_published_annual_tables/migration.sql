-- CreateTable
CREATE TABLE "published_annual_tables" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "subtree" BOOLEAN NOT NULL DEFAULT false,
    "format" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "file_name" TEXT,
    "entered_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "published_annual_tables_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "published_annual_tables_org_id_year_subtree_key" ON "published_annual_tables"("org_id", "year", "subtree");

-- AddForeignKey
ALTER TABLE "published_annual_tables" ADD CONSTRAINT "published_annual_tables_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
