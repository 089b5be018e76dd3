-- CreateTable
CREATE TABLE "report_generations" (
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "generation" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "report_generations_pkey" PRIMARY KEY ("org_id","year")
);

-- CreateIndex
CREATE INDEX "cases_open_answer_due_on_id_idx" ON "cases"("answer_due_on", "id") WHERE (status IN ('pending_confirmation', 'in_progress', 'awaiting_correction', 'consulting', 'awaiting_fee', 'pending_approval'));

-- CreateIndex
CREATE INDEX "cases_open_org_id_answer_due_on_id_idx" ON "cases"("org_id", "answer_due_on", "id") WHERE (status IN ('pending_confirmation', 'in_progress', 'awaiting_correction', 'consulting', 'awaiting_fee', 'pending_approval'));

-- Hand-written (Prisma does not model functions or triggers): bump report_generations for every
-- organisation and year whose annual table a change can alter, in the changing statement's own
-- transaction (issue 13, lib/statistics/annual-table-cache.ts). Statement-level triggers with transition
-- tables: one upsert per statement, so bulk imports pay once, not per row. Rows are upserted in
-- (org_id, year) order so concurrent writers lock them in the same order.
--
-- A case counts in the tables of the years from its receipt to its conclusion (open: to today, plus a
-- day of margin for the time zone); an unconfirmed case (no receipt date) counts nowhere. Appeals count
-- in the year filed (section 四) and the year decided; section 二 figures in their own year.
CREATE FUNCTION "gongkai_report_years"(received date, concluded date) RETURNS SETOF integer
LANGUAGE sql STABLE AS $$
  SELECT generate_series(extract(year FROM received)::int,
                         greatest(extract(year FROM received)::int, extract(year FROM coalesce(concluded, current_date + 1))::int))
  WHERE received IS NOT NULL
$$;

CREATE FUNCTION "gongkai_bump_report_generations_cases"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT r.org_id, y, 1 FROM new_rows r, gongkai_report_years(r.received_on, r.concluded_on) y
    ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT r.org_id, y, 1 FROM old_rows r, gongkai_report_years(r.received_on, r.concluded_on) y
    ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "gongkai_bump_report_generations_appeals"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A transition table exists only for the events that have it: each branch names only its own.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT r.org_id, y, 1 FROM new_rows r,
      unnest(ARRAY[extract(year FROM r.filed_on)::int, extract(year FROM r.decided_on)::int]) y
    WHERE y IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT r.org_id, y, 1 FROM old_rows r,
      unnest(ARRAY[extract(year FROM r.filed_on)::int, extract(year FROM r.decided_on)::int]) y
    WHERE y IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "gongkai_bump_report_generations_figures"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT r.org_id, r.year, 1 FROM new_rows r ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_generations (org_id, year, generation)
    SELECT DISTINCT r.org_id, r.year, 1 FROM old_rows r ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET generation = report_generations.generation + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "cases_report_generations_insert" AFTER INSERT ON "cases"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_cases"();
CREATE TRIGGER "cases_report_generations_update" AFTER UPDATE ON "cases"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_cases"();
CREATE TRIGGER "cases_report_generations_delete" AFTER DELETE ON "cases"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_cases"();
CREATE TRIGGER "appeals_report_generations_insert" AFTER INSERT ON "appeals"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_appeals"();
CREATE TRIGGER "appeals_report_generations_update" AFTER UPDATE ON "appeals"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_appeals"();
CREATE TRIGGER "appeals_report_generations_delete" AFTER DELETE ON "appeals"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_appeals"();
CREATE TRIGGER "proactive_figures_report_generations_insert" AFTER INSERT ON "proactive_figures"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "proactive_figures_report_generations_update" AFTER UPDATE ON "proactive_figures"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
CREATE TRIGGER "proactive_figures_report_generations_delete" AFTER DELETE ON "proactive_figures"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_report_generations_figures"();
