-- AlterTable
ALTER TABLE "cases" ALTER COLUMN "requested_form" DROP NOT NULL,
ALTER COLUMN "requested_form" DROP DEFAULT,
ALTER COLUMN "delivery_method" DROP NOT NULL,
ALTER COLUMN "delivery_method" DROP DEFAULT;

-- Hand-written (issue 12 item 8): imported cases never carried 载体形式 / 获取方式 — the import left the
-- columns to their defaults (electronic, online_download), which letters, exports and the API then showed
-- as if the applicant had asked for them. No path edits these fields after registration (workflow-locks.ts
-- lists them but nothing writes them), so every imported case's values are the invented defaults: clear them.
UPDATE "cases" SET "requested_form" = NULL, "delivery_method" = NULL WHERE "source" = 'import';
