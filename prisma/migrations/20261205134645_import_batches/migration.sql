-- AlterTable
ALTER TABLE "appeals" ADD COLUMN     "import_batch_id" UUID;

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "import_batch_id" UUID;

-- CreateTable
CREATE TABLE "import_batches" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" UUID,
    "scope_path" TEXT,
    "file_name" TEXT NOT NULL,
    "encoding" TEXT,
    "total" INTEGER NOT NULL,
    "inserted" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "created_orgs" TEXT[],
    "digest" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by_id" UUID,

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_batches_created_at_idx" ON "import_batches"("created_at");

-- CreateIndex
CREATE INDEX "appeals_import_batch_id_idx" ON "appeals"("import_batch_id");

-- CreateIndex
CREATE INDEX "cases_import_batch_id_idx" ON "cases"("import_batch_id");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written (issue 12 item 5, undo of an import; docs/decisions.md): the case history stays append-only,
-- with one narrow exception. Undoing an import batch removes cases that never changed after the import, so
-- their only event is the `imported` event of that batch; those events may be deleted, and only inside the
-- undo's transaction, which names the batch in the transaction-local setting `gongkai.undo_import_batch`
-- (lib/import/undo-import.ts). The batch row (import_batches, never deleted) and the `cases.import_undone`
-- audit event (audit_events stays strictly append-only) keep what was removed: counts and tracking numbers.
-- Every other UPDATE or DELETE of case_events is refused as before.
CREATE FUNCTION gongkai_case_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.type = 'imported'
     AND OLD.data->>'importId' IS NOT NULL
     AND OLD.data->>'importId' = current_setting('gongkai.undo_import_batch', true) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER case_events_append_only ON "case_events";
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON "case_events"
  FOR EACH ROW EXECUTE FUNCTION gongkai_case_events_guard();
