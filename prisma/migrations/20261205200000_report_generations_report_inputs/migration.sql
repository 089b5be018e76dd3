-- Hand-written (Prisma does not model triggers): report_generations(org_id, year) now counts changes to every
-- input of the annual report page of that organisation and year, not only to the table's (issue 13 item 5,
-- lib/admin/report-view-cache.ts): besides cases, appeals and section 二 figures (migration
-- 20261205074858_open_due_partial_report_generations), the fee notices (the report text's 收费 figures, in
-- the years they were issued and paid, for the case's organisation), the published tables, the report texts
-- and the period locks, each for its own organisation and year. Same shape as the existing triggers:
-- statement-level with transition tables, rows upserted in (org_id, year) order.

CREATE FUNCTION "gongkai_bump_report_generations_fees"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A transition table exists only for the events that have it: each branch names only its own.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT c.org_id, y, 1 FROM new_rows r JOIN cases c ON c.id = r.case_id,
      unnest(ARRAY[extract(year FROM r.issued_on)::int, extract(year FROM r.paid_on)::int]) y
    WHERE y IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT c.org_id, y, 1 FROM old_rows r JOIN cases c ON c.id = r.case_id,
      unnest(ARRAY[extract(year FROM r.issued_on)::int, extract(year FROM r.paid_on)::int]) y
    WHERE y IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "fee_notices_report_generations_insert" AFTER INSERT ON "fee_notices"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_fees"();
CREATE TRIGGER "fee_notices_report_generations_update" AFTER UPDATE ON "fee_notices"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_fees"();
CREATE TRIGGER "fee_notices_report_generations_delete" AFTER DELETE ON "fee_notices"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_fees"();

-- Rows keyed by (org_id, year): the function of section 二 figures (gongkai_bump_report_generations_figures)
-- bumps exactly the rows' own organisation and year.
CREATE TRIGGER "published_annual_tables_report_generations_insert" AFTER INSERT ON "published_annual_tables"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "published_annual_tables_report_generations_update" AFTER UPDATE ON "published_annual_tables"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "published_annual_tables_report_generations_delete" AFTER DELETE ON "published_annual_tables"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "report_texts_report_generations_insert" AFTER INSERT ON "report_texts"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "report_texts_report_generations_update" AFTER UPDATE ON "report_texts"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "report_texts_report_generations_delete" AFTER DELETE ON "report_texts"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "period_locks_report_generations_insert" AFTER INSERT ON "period_locks"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "period_locks_report_generations_update" AFTER UPDATE ON "period_locks"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "period_locks_report_generations_delete" AFTER DELETE ON "period_locks"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
