-- A case cannot be concluded before it was received. The annual table's single-scan predicate relies on it
-- (lib/statistics/annual-buckets-sql.ts). Prisma's schema language has no CHECK constraints; the schema engine
-- ignores them when diffing, so this hand-written migration causes no drift.
ALTER TABLE "cases" ADD CONSTRAINT "cases_concluded_after_received"
  CHECK ("concluded_on" IS NULL OR "received_on" IS NULL OR "concluded_on" >= "received_on");
