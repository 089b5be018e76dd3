/**
 * Import batches (issue 12 item 5): every successful import is a batch (import_batches: who, when, the file,
 * the encoding read, the counts, the organisations it created), listed on the import page, and a batch can
 * be undone ("撤销本批导入") while nothing it wrote has changed since.
 *
 * The undo, in ONE transaction:
 * 1. compare-and-set on the batch (`undone_at IS NULL` → now): a second click, or a second server, waits for
 *    the first and is then refused with `import.undo.already_undone` — one undo;
 * 2. locks the batch's cases (FOR UPDATE, so no workflow step can slip in between the check and the delete)
 *    and refuses when any of them changed after the import: a version above 0, updated after the batch, any
 *    case event other than its `imported` event, or an appeal of another origin on it
 *    (`import.undo.case_changed`, naming a tracking number); an appeal batch is refused when its appeals no
 *    longer match the digest taken at import (`import.undo.appeals_changed`);
 * 3. refuses when a report-period lock covers a year a removed case or appeal counts in, for its
 *    organisation or an ancestor (`import.undo.period_locked`), under the same shared advisory locks as
 *    every other change (lib/reports/period-lock.ts);
 * 4. deletes the batch's appeals, the cases' `imported` events (the only rows of the append-only history a
 *    database trigger lets go, and only inside this transaction: migration 20261205134645_import_batches)
 *    and the cases;
 * 5. writes the audit event `cases.import_undone` with the counts and every removed tracking number.
 *
 * Organisations the import created stay (they may have been renamed or used since); the batch lists them
 * and an administrator retires them on the organisations page (docs/decisions.md).
 *
 * Scope: administrators only. A system administrator (no organisation) sees and undoes every batch; an
 * administrator of an organisation those imported by administrators of their subtree (`scope_path`), whose
 * cases the import could only put into that subtree. `actor` null is the system itself (the command line,
 * `npm run cli -- import-batches …`, which imports as the system too): every batch, audited without a user.
 */
import 'server-only';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { ImportActor } from '@/lib/import/import-cases';
import { reportYearsOfCase } from '@/lib/reports/affected-years';
import { findEffectiveLocks, holdPeriodsShared } from '@/lib/reports/period-lock';

export type ImportBatchKind = 'cases' | 'appeals';

export interface ImportBatchView {
  readonly id: string;
  readonly kind: ImportBatchKind;
  readonly fileName: string;
  readonly encoding: string | null;
  readonly actorName: string | null;
  readonly total: number;
  readonly inserted: number;
  readonly skipped: number;
  readonly createdOrgs: readonly string[];
  readonly createdAt: Date;
  readonly undoneAt: Date | null;
  /** Records of the batch still in the database (0 once undone). */
  readonly remaining: number;
}

export interface UndoImportResult {
  readonly batchId: string;
  readonly removedCases: number;
  readonly removedAppeals: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_LIMIT = 100;

function assertAdmin(actor: Pick<ImportActor, 'role'> | null): void {
  if (actor !== null && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
}

/** The latest batches the administrator may see (newest first, at most 100). */
export async function listImportBatches(actor: ImportActor | null): Promise<ImportBatchView[]> {
  assertAdmin(actor);
  const scope = actor?.orgPath ?? null;
  const rows = await db.$queryRaw<
    {
      id: string;
      kind: string;
      file_name: string;
      encoding: string | null;
      actor_name: string | null;
      total: number;
      inserted: number;
      skipped: number;
      created_orgs: string[] | null;
      created_at: Date;
      undone_at: Date | null;
      remaining: bigint;
    }[]
  >`
    SELECT b.id::text, b.kind, b.file_name, b.encoding, u.name AS actor_name, b.total, b.inserted, b.skipped,
           b.created_orgs, b.created_at, b.undone_at,
           CASE WHEN b.kind = 'appeals' THEN (SELECT count(*) FROM appeals a WHERE a.import_batch_id = b.id)
                ELSE (SELECT count(*) FROM cases c WHERE c.import_batch_id = b.id) END AS remaining
    FROM import_batches b LEFT JOIN users u ON u.id = b.actor_id
    WHERE ${scope}::text IS NULL OR starts_with(b.scope_path, ${scope}::text)
    ORDER BY b.created_at DESC, b.id DESC
    LIMIT ${LIST_LIMIT}`;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind === 'appeals' ? 'appeals' : 'cases',
    fileName: r.file_name,
    encoding: r.encoding,
    actorName: r.actor_name,
    total: r.total,
    inserted: r.inserted,
    skipped: r.skipped,
    createdOrgs: r.created_orgs ?? [],
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    remaining: Number(r.remaining),
  }));
}

/** md5 over the facts of a batch's appeals (ordered by id): what an appeal batch's undo compares. */
export async function appealsDigest(tx: Tx, batchId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ digest: string | null }[]>`
    SELECT md5(coalesce(string_agg(concat_ws('|', a.id, a.case_id, a.kind, a.filed_on, a.result, a.decided_on, a.body,
                                             a.note), E'\\n' ORDER BY a.id), '')) AS digest
    FROM appeals a WHERE a.import_batch_id = ${batchId}::uuid`;
  return row?.digest ?? '';
}

interface LockedBatch {
  readonly id: string;
  readonly kind: string;
  readonly file_name: string;
  readonly created_at: Date;
  readonly digest: string | null;
  readonly total: number;
  readonly inserted: number;
}

/** Compare-and-set on the batch: the caller's transaction now owns the undo, or it is refused. */
async function claimBatch(tx: Tx, actor: ImportActor | null, batchId: string): Promise<LockedBatch> {
  const scope = actor?.orgPath ?? null;
  const [claimed] = await tx.$queryRaw<LockedBatch[]>`
    UPDATE import_batches b SET undone_at = now(), undone_by_id = ${actor?.id ?? null}::uuid
    WHERE b.id = ${batchId}::uuid AND b.undone_at IS NULL
      AND (${scope}::text IS NULL OR starts_with(b.scope_path, ${scope}::text))
    RETURNING b.id::text, b.kind, b.file_name, b.created_at, b.digest, b.total, b.inserted`;
  if (claimed) return claimed;
  const [existing] = await tx.$queryRaw<{ undone: boolean }[]>`
    SELECT b.undone_at IS NOT NULL AS undone FROM import_batches b
    WHERE b.id = ${batchId}::uuid AND (${scope}::text IS NULL OR starts_with(b.scope_path, ${scope}::text))`;
  if (!existing) throw new DomainError('NOT_FOUND', 'errors.notFound');
  throw new DomainError('CONFLICT', 'import.undo.already_undone');
}

interface BatchCase {
  readonly id: string;
  readonly tracking_no: string;
  readonly org_id: number;
  readonly received_on: Date | null;
  readonly concluded_on: Date | null;
  readonly is_changed: boolean;
}

/**
 * Undoes an import batch (see the header). Administrators only; another administrator's batch outside the
 * actor's subtree, or an unknown id, is NOT_FOUND. `now` decides up to which year an open case counts.
 */
export async function undoImportBatch(actor: ImportActor | null, batchId: string, now: Date = new Date()): Promise<UndoImportResult> {
  assertAdmin(actor);
  if (!UUID.test(batchId)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const currentYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
  return db.$transaction(
    async (tx) => {
      const batch = await claimBatch(tx, actor, batchId);

      const cases = await tx.$queryRaw<BatchCase[]>`
        SELECT c.id::text, c.tracking_no, c.org_id, c.received_on, c.concluded_on,
               (c.version <> 0 OR c.updated_at > ${batch.created_at}
                OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type <> 'imported')
                OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'imported'
                                                         AND e.data->>'importId' IS DISTINCT FROM ${batch.id}::text)
                OR EXISTS (SELECT 1 FROM appeals a WHERE a.case_id = c.id
                                                     AND a.import_batch_id IS DISTINCT FROM ${batch.id}::uuid)) AS is_changed
        FROM cases c WHERE c.import_batch_id = ${batch.id}::uuid
        ORDER BY c.tracking_no
        FOR UPDATE OF c`;
      const changed = cases.find((c) => c.is_changed);
      if (changed) throw new DomainError('CONFLICT', 'import.undo.case_changed', { trackingNo: changed.tracking_no });

      const appeals = await tx.$queryRaw<{ org_id: number; filed_on: Date; decided_on: Date | null }[]>`
        SELECT a.org_id, a.filed_on, a.decided_on FROM appeals a WHERE a.import_batch_id = ${batch.id}::uuid
        FOR UPDATE OF a`;
      if (batch.kind === 'appeals' && batch.digest !== null && (await appealsDigest(tx, batch.id)) !== batch.digest) {
        throw new DomainError('CONFLICT', 'import.undo.appeals_changed');
      }
      if (cases.length === 0 && appeals.length === 0) throw new DomainError('CONFLICT', 'import.undo.nothing');

      // Period locks: every (organisation, year) whose table the removal alters.
      const pairs = new Map<string, { orgId: number; year: number }>();
      const add = (orgId: number, years: readonly number[]) => {
        for (const year of years) pairs.set(`${orgId}:${year}`, { orgId, year });
      };
      for (const c of cases) {
        const facts = { receivedOn: c.received_on && dbDateToIso(c.received_on), concludedOn: c.concluded_on && dbDateToIso(c.concluded_on) };
        add(c.org_id, reportYearsOfCase(facts, currentYear));
      }
      for (const a of appeals) {
        add(a.org_id, [a.filed_on.getUTCFullYear(), ...(a.decided_on ? [a.decided_on.getUTCFullYear()] : [])]);
      }
      const years = [...new Set([...pairs.values()].map((p) => p.year))];
      await holdPeriodsShared(tx, years);
      const orgIds = [...new Set([...pairs.values()].map((p) => p.orgId))];
      const locks = await findEffectiveLocks(tx, { orgIds, years });
      const hit = locks.find((l) => pairs.has(`${l.orgId}:${l.year}`));
      if (hit) throw new DomainError('LOCKED', 'import.undo.period_locked', { year: hit.year, org: hit.lockedOrgCode });

      // The history trigger lets this transaction delete exactly this batch's `imported` events.
      await tx.$executeRaw`SELECT set_config('gongkai.undo_import_batch', ${batch.id}::text, true)`;
      const removedAppeals = await tx.$executeRaw`DELETE FROM appeals WHERE import_batch_id = ${batch.id}::uuid`;
      await tx.$executeRaw`
        DELETE FROM case_events e USING cases c
        WHERE e.case_id = c.id AND c.import_batch_id = ${batch.id}::uuid`;
      const removedCases = await tx.$executeRaw`DELETE FROM cases WHERE import_batch_id = ${batch.id}::uuid`;
      await tx.$executeRaw`SELECT set_config('gongkai.undo_import_batch', '', true)`;

      const data = {
        importId: batch.id,
        kind: batch.kind,
        file: batch.file_name,
        total: batch.total,
        inserted: batch.inserted,
        removedCases,
        removedAppeals,
        trackingNos: cases.map((c) => c.tracking_no),
      };
      await tx.$executeRaw`
        INSERT INTO audit_events (actor_id, type, data)
        VALUES (${actor?.id ?? null}::uuid, 'cases.import_undone', ${JSON.stringify(data)}::jsonb)`;
      return { batchId: batch.id, removedCases, removedAppeals };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  ).catch((e: unknown) => {
    if (e instanceof DomainError) throw e;
    // A row of another table still points at a case (a document, a delivery …): the case was worked on.
    if (e instanceof Error && /23503|foreign key/i.test(`${e.message} ${JSON.stringify((e as { meta?: unknown }).meta ?? null)}`)) {
      throw new DomainError('CONFLICT', 'import.undo.case_changed', { trackingNo: '' });
    }
    throw e;
  });
}
