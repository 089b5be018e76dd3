-- CreateTable
CREATE TABLE "case_generations" (
    "org_id" INTEGER NOT NULL,
    "slot" SMALLINT NOT NULL,
    "generation" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "case_generations_pkey" PRIMARY KEY ("org_id","slot")
);

-- Hand-written (Prisma does not model functions or triggers): bump case_generations for every organisation
-- whose cases a statement changes, in that statement's own transaction (issue 13, lib/cases/count-cache.ts).
-- Cached staff counts (the work queue, the dashboard, the register's result count) are keyed by the sum of
-- the counters over the scope's organisations; the counters only grow, so any change in the scope changes
-- the sum and the next view counts again. Statement-level triggers with transition tables: one upsert per
-- statement, so bulk imports pay once. The slot is the writing connection's backend pid mod 8: a backend runs
-- one transaction at a time, so concurrent writers to one organisation rarely wait for one another's row
-- lock; rows are upserted in org_id order.
CREATE FUNCTION "gongkai_bump_case_generations"(org_ids integer[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO case_generations (org_id, slot, generation)
  SELECT o, (pg_backend_pid() % 8)::smallint, 1 FROM (SELECT DISTINCT unnest(org_ids) AS o) s
  WHERE o IS NOT NULL
  ORDER BY 1
  ON CONFLICT (org_id, slot) DO UPDATE SET generation = case_generations.generation + 1;
$$;

CREATE FUNCTION "gongkai_bump_case_generations_cases"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A transition table exists only for the events that have it: each branch names only its own.
  IF TG_OP = 'INSERT' THEN
    PERFORM gongkai_bump_case_generations(ARRAY(SELECT DISTINCT org_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM gongkai_bump_case_generations(ARRAY(SELECT org_id FROM new_rows UNION SELECT org_id FROM old_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gongkai_bump_case_generations(ARRAY(SELECT DISTINCT org_id FROM old_rows));
  ELSE -- TRUNCATE: every organisation that ever had a case has a row
    UPDATE case_generations SET generation = generation + 1;
  END IF;
  RETURN NULL;
END
$$;

-- Records of a case (case_id) that a staff count reads through a relation filter.
CREATE FUNCTION "gongkai_bump_case_generations_child"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gongkai_bump_case_generations(ARRAY(SELECT DISTINCT c.org_id FROM new_rows r JOIN cases c ON c.id = r.case_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM gongkai_bump_case_generations(ARRAY(
      SELECT c.org_id FROM new_rows r JOIN cases c ON c.id = r.case_id
      UNION SELECT c.org_id FROM old_rows r JOIN cases c ON c.id = r.case_id));
  ELSE
    PERFORM gongkai_bump_case_generations(ARRAY(SELECT DISTINCT c.org_id FROM old_rows r JOIN cases c ON c.id = r.case_id));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "cases_case_generations_insert" AFTER INSERT ON "cases"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_cases"();
CREATE TRIGGER "cases_case_generations_update" AFTER UPDATE ON "cases"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_cases"();
CREATE TRIGGER "cases_case_generations_delete" AFTER DELETE ON "cases"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_cases"();
CREATE TRIGGER "cases_case_generations_truncate" AFTER TRUNCATE ON "cases"
  FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_cases"();

-- case_events is append-only (20261126215100_append_only_history): inserts only.
CREATE TRIGGER "case_events_case_generations_insert" AFTER INSERT ON "case_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();

CREATE TRIGGER "documents_case_generations_insert" AFTER INSERT ON "documents"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "documents_case_generations_update" AFTER UPDATE ON "documents"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "documents_case_generations_delete" AFTER DELETE ON "documents"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "extensions_case_generations_insert" AFTER INSERT ON "extensions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "extensions_case_generations_update" AFTER UPDATE ON "extensions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "extensions_case_generations_delete" AFTER DELETE ON "extensions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "correction_requests_case_generations_insert" AFTER INSERT ON "correction_requests"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "correction_requests_case_generations_update" AFTER UPDATE ON "correction_requests"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "correction_requests_case_generations_delete" AFTER DELETE ON "correction_requests"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "fee_notices_case_generations_insert" AFTER INSERT ON "fee_notices"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "fee_notices_case_generations_update" AFTER UPDATE ON "fee_notices"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "fee_notices_case_generations_delete" AFTER DELETE ON "fee_notices"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "publications_case_generations_insert" AFTER INSERT ON "publications"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "publications_case_generations_update" AFTER UPDATE ON "publications"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "publications_case_generations_delete" AFTER DELETE ON "publications"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "publication_suggestions_case_generations_insert" AFTER INSERT ON "publication_suggestions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "publication_suggestions_case_generations_update" AFTER UPDATE ON "publication_suggestions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
CREATE TRIGGER "publication_suggestions_case_generations_delete" AFTER DELETE ON "publication_suggestions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_case_generations_child"();
