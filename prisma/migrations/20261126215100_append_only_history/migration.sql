-- The case history and the administrative audit are append-only (issue: "no update or delete path,
-- enforced in the database too"). Prisma's schema language cannot express triggers; the schema engine
-- ignores them when diffing, so this hand-written migration does not cause drift.
CREATE FUNCTION gongkai_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON "case_events"
  FOR EACH ROW EXECUTE FUNCTION gongkai_refuse_change();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON "case_events"
  FOR EACH STATEMENT EXECUTE FUNCTION gongkai_refuse_change();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION gongkai_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION gongkai_refuse_change();
