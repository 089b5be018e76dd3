/**
 * Import of historical cases from CSV or XLSX (format: case-file-format.ts), all or nothing.
 *
 * 1. Read the file and validate every row on its own (validate-case-rows.ts).
 * 2. In ONE transaction: check organisations, existing tracking numbers and period locks for every row,
 *    then — only if no row of the whole file has an error — create missing organisations (`createOrgs`),
 *    insert the cases in bulk (chunks of `unnest` arrays, one statement per chunk) with one `imported`
 *    case event each, and write one audit event. Any error: nothing is written, and every error of every
 *    row comes back as { row, column, code, params }.
 *
 * 载体形式 / 获取方式 (optional columns) are stored as the file states them, NULL when it does not: an import
 * never invents what the applicant asked for (issue 12 item 8).
 *
 * What an imported case becomes: a concluded row (outcome + concluded_on) is a closed historical record
 * (status `archived`); an open row enters the workflow (status `in_progress`, receipt date set). Both
 * have source `import`.
 *
 * Batches: every successful import is recorded in `import_batches` (id = importId; who, when, file, encoding,
 * counts, created organisations) and its cases carry the batch id, so that the batch can be undone while
 * none of its cases has changed since (undo-import.ts).
 *
 * Re-import is idempotent: a row whose tracking number exists with the same data is skipped (reported in
 * `skippedRows`); one with different data is an error (`import.error.tracking_no_conflict`, listing the
 * columns). Compared are all columns, except that an open row whose case (imported earlier) has since
 * moved through the workflow is compared on what the workflow does not change (applicant name, channel,
 * receipt date, description): its organisation, applicant type, outcome and conclusion belong to the
 * workflow from then on.
 *
 * Organisations (`createOrgs`): unknown codes are created with the code as name and document prefix and
 * kind `other` (admins rename them afterwards), below `parentOrgCode` when given; otherwise below the
 * importing admin's own organisation when the admin has one; otherwise below the only root organisation
 * when the tree has exactly one root (the usual set-up: the government office above its departments and
 * towns, so the imported cases count in its subtree table); otherwise as new roots.
 *
 * Period locks: a row that would change a locked year (reportYearsOfCase: from receipt to conclusion, an open
 * case up to the current year) of its organisation or an ancestor is an error
 * (`import.error.period_locked`). The check runs under the same shared advisory locks as
 * assertPeriodUnlocked, so a period cannot be locked half-way through an import.
 */
import type { Actor } from '@/lib/cases/actor';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { sortImportErrors, type CaseFileColumn, type ImportError } from '@/lib/import/case-file-format';
import { createOrganisation } from '@/lib/import/organisations';
import { readCaseFile } from '@/lib/import/read-case-file';
import { uuidV7 } from '@/lib/import/uuid-v7';
import { validateCaseRows, type ValidCaseRow } from '@/lib/import/validate-case-rows';
import { reportYearsOfCase } from '@/lib/reports/affected-years';
import { findEffectiveLocks, holdPeriodsShared } from '@/lib/reports/period-lock';

export type ImportActor = Pick<Actor, 'id' | 'role' | 'orgPath'>;

export interface ImportProgress {
  readonly phase: 'read' | 'validate' | 'insert' | 'done';
  /** Rows done in this phase. */
  readonly processed: number;
  /** Rows of the file (0 while reading). */
  readonly total: number;
}

export interface ImportCasesOptions {
  /** The file's bytes: XLSX (zip signature) or UTF-8 CSV. */
  readonly data: Uint8Array;
  /** Recorded in the audit event and the case events. */
  readonly fileName: string;
  /** The admin importing, or null for the system (CLI). */
  readonly actor: ImportActor | null;
  readonly createOrgs?: boolean;
  /** Where `createOrgs` puts new organisations (see the header). */
  readonly parentOrgCode?: string;
  /** Today in China (YYYY-MM-DD): no date may be later; open cases count up to this year. */
  readonly today?: IsoDate;
  readonly onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /**
   * Runs last inside the import's transaction (after the last progress report); throwing rolls the import
   * back. The job worker uses it to
   * check that it still holds the job's claim (lib/jobs: fencing), so a stalled server whose job was taken
   * over cannot commit a second copy.
   */
  readonly beforeCommit?: (tx: Tx) => Promise<void>;
  /** Rows per INSERT statement (default 5000). */
  readonly chunkSize?: number;
}

export type ImportCasesResult =
  | {
      readonly ok: true;
      readonly importId: string;
      /** Case rows in the file. */
      readonly total: number;
      readonly inserted: number;
      /** Rows already present with the same data (re-import). */
      readonly skipped: number;
      readonly skippedRows: readonly number[];
      readonly createdOrgs: readonly string[];
      /** How a CSV was decoded (null for XLSX). */
      readonly encoding: 'utf-8' | 'gb18030' | null;
    }
  | { readonly ok: false; readonly importId: string; readonly total: number; readonly errors: readonly ImportError[] };

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A long import must not hit Prisma's 5-second default for interactive transactions. */
const TRANSACTION_TIMEOUT_MS = 60 * 60_000;
const LOOKUP_CHUNK = 10_000;

interface OrgRow {
  readonly id: number;
  readonly code: string;
  readonly path: string;
}

interface StoredCase {
  readonly tracking_no: string;
  readonly org_code: string;
  readonly applicant_type: string;
  readonly applicant_name: string;
  readonly channel: string;
  readonly received_on: Date | null;
  readonly description: string;
  readonly outcome: string | null;
  readonly concluded_on: Date | null;
  readonly requested_form: string | null;
  readonly delivery_method: string | null;
  readonly source: string;
  readonly has_history: boolean;
}

const isoDay = (d: Date | null): string => (d === null ? '' : d.toISOString().slice(0, 10));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The columns in which a file row differs from the stored case (empty: the same case). */
function differingColumns(row: ValidCaseRow, stored: StoredCase): CaseFileColumn[] {
  const isOwnedByWorkflow = row.concludedOn === null && stored.source === 'import' && stored.has_history;
  const pairs: Array<[CaseFileColumn, string, string]> = [
    ['applicant_name', row.applicantName, stored.applicant_name],
    ['channel', row.channel, stored.channel],
    ['received_on', row.receivedOn, isoDay(stored.received_on)],
    ['description', row.description, stored.description],
    ['requested_form', row.requestedForm ?? '', stored.requested_form ?? ''],
    ['delivery_method', row.deliveryMethod ?? '', stored.delivery_method ?? ''],
  ];
  if (!isOwnedByWorkflow) {
    pairs.push(
      ['org_code', row.orgCode, stored.org_code],
      ['applicant_type', row.applicantType, stored.applicant_type],
      ['outcome', row.outcome ?? '', stored.outcome ?? ''],
      ['concluded_on', row.concludedOn ?? '', isoDay(stored.concluded_on)],
    );
  }
  return pairs.filter(([, a, b]) => a !== b).map(([column]) => column);
}

async function loadStoredCases(tx: Tx, trackingNos: readonly string[]): Promise<Map<string, StoredCase>> {
  const stored = new Map<string, StoredCase>();
  for (const part of chunks(trackingNos, LOOKUP_CHUNK)) {
    const rows = await tx.$queryRaw<StoredCase[]>`
      SELECT c.tracking_no, o.code AS org_code, c.applicant_type::text AS applicant_type, c.applicant_name,
             c.channel::text AS channel, c.received_on, c.description, c.outcome::text AS outcome, c.concluded_on,
             c.requested_form::text AS requested_form, c.delivery_method::text AS delivery_method,
             c.source::text AS source,
             EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type <> 'imported') AS has_history
      FROM cases c JOIN organisations o ON o.id = c.org_id
      WHERE c.tracking_no = ANY(${part}::text[])`;
    for (const r of rows) stored.set(r.tracking_no, r);
  }
  return stored;
}

/** The parent of organisations created by `createOrgs` (see the header); null = create them as roots. */
async function parentForNewOrgs(tx: Tx, options: ImportCasesOptions): Promise<OrgRow | null> {
  const scopePath = options.actor?.orgPath ?? null;
  if (options.parentOrgCode !== undefined) {
    const [parent] = await tx.$queryRaw<OrgRow[]>`
      SELECT o.id, o.code, o.path FROM organisations o WHERE o.code = ${options.parentOrgCode}`;
    if (!parent || (scopePath !== null && !parent.path.startsWith(scopePath))) {
      throw new DomainError('VALIDATION', 'import.error.unknown_parent_org', { org: options.parentOrgCode });
    }
    return parent;
  }
  if (scopePath !== null) {
    const [own] = await tx.$queryRaw<
      OrgRow[]
    >`SELECT o.id, o.code, o.path FROM organisations o WHERE o.path = ${scopePath}`;
    return own ?? null;
  }
  const roots = await tx.$queryRaw<OrgRow[]>`
    SELECT o.id, o.code, o.path FROM organisations o WHERE o.parent_id IS NULL ORDER BY o.id LIMIT 2`;
  return roots.length === 1 ? (roots[0] ?? null) : null;
}

async function insertChunk(
  tx: Tx,
  rows: readonly ValidCaseRow[],
  orgIdOf: (code: string) => number,
  context: { readonly importId: string; readonly fileName: string; readonly actor: ImportActor | null },
): Promise<void> {
  // import_batch_id = importId: the batch row (written first) is what "撤销本批导入" removes (undo-import.ts).
  const ids = rows.map(() => uuidV7());
  const statuses = rows.map((r) => (r.concludedOn === null ? 'in_progress' : 'archived'));
  await tx.$executeRaw`
    INSERT INTO cases (id, import_batch_id, tracking_no, source, org_id, applicant_type, applicant_name, description, channel,
                       received_on, status, outcome, concluded_on, requested_form, delivery_method, updated_at)
    SELECT u.id, ${context.importId}::uuid, u.tracking_no, 'import', u.org_id, u.applicant_type::"ApplicantType", u.applicant_name,
           u.description, u.channel::"Channel", u.received_on, u.status::"CaseStatus", u.outcome::"Outcome",
           u.concluded_on, u.requested_form::"RequestedForm", u.delivery_method::"DeliveryMethod", now()
    FROM unnest(${ids}::uuid[], ${rows.map((r) => r.trackingNo)}::text[], ${rows.map((r) => orgIdOf(r.orgCode))}::int[],
                ${rows.map((r) => r.applicantType)}::text[], ${rows.map((r) => r.applicantName)}::text[],
                ${rows.map((r) => r.description)}::text[], ${rows.map((r) => r.channel)}::text[],
                ${rows.map((r) => r.receivedOn)}::date[], ${statuses}::text[], ${rows.map((r) => r.outcome)}::text[],
                ${rows.map((r) => r.concludedOn)}::date[], ${rows.map((r) => r.requestedForm)}::text[],
                ${rows.map((r) => r.deliveryMethod)}::text[])
         AS u(id, tracking_no, org_id, applicant_type, applicant_name, description, channel, received_on, status,
              outcome, concluded_on, requested_form, delivery_method)`;
  await tx.$executeRaw`
    INSERT INTO case_events (case_id, actor_id, actor_role, type, to_status, data)
    SELECT u.case_id, ${context.actor?.id ?? null}::uuid, ${context.actor?.role ?? 'system'}, 'imported',
           u.status::"CaseStatus", jsonb_build_object('importId', ${context.importId}::text, 'file', ${context.fileName}::text, 'row', u.row)
    FROM unnest(${ids}::uuid[], ${statuses}::text[], ${rows.map((r) => r.row)}::int[]) AS u(case_id, status, row)`;
}

/**
 * Imports a case file, all or nothing (see the header). Admins only (FORBIDDEN otherwise); `actor` null is
 * the system (CLI). Returns the row-numbered errors of the whole file, or what was inserted and skipped.
 */
export async function importCases(options: ImportCasesOptions): Promise<ImportCasesResult> {
  const { actor, fileName } = options;
  if (actor !== null && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  const importId = uuidV7();
  const today = options.today ?? CHINA_DAY.format(new Date());
  const currentYear = Number(today.slice(0, 4));
  const chunkSize = options.chunkSize ?? 5000;
  const report = async (phase: ImportProgress['phase'], processed: number, total: number) => {
    await options.onProgress?.({ phase, processed, total });
  };

  await report('read', 0, 0);
  const read = await readCaseFile(options.data);
  if (!read.ok) return { ok: false, importId, total: 0, errors: read.errors };
  const total = read.file.rows.length;
  await report('validate', 0, total);
  const validated = validateCaseRows(read.file, { today });
  const errors: ImportError[] = [...validated.errors];
  const valid = validated.rows;
  if (valid.length === 0 && errors.length > 0) return { ok: false, importId, total, errors: sortImportErrors(errors) };

  const yearsOf = new Map<number, number[]>();
  const allYears = new Set<number>();
  for (const row of valid) {
    const years = reportYearsOfCase(row, currentYear);
    yearsOf.set(row.row, years);
    for (const y of years) allYears.add(y);
  }

  return db
    .$transaction(
      async (tx): Promise<ImportCasesResult> => {
        await holdPeriodsShared(tx, [...allYears]);

        const codes = [...new Set(valid.map((r) => r.orgCode))];
        const orgRows = await tx.$queryRaw<OrgRow[]>`
        SELECT o.id, o.code, o.path FROM organisations o WHERE o.code = ANY(${codes}::text[])`;
        const scopePath = actor?.orgPath ?? null;
        const orgs = new Map(
          orgRows.filter((o) => scopePath === null || o.path.startsWith(scopePath)).map((o) => [o.code, o]),
        );
        const existingCodes = new Set(orgRows.map((o) => o.code));
        const creatable = new Set(options.createOrgs ? codes.filter((c) => !existingCodes.has(c)) : []);
        const parent = creatable.size > 0 ? await parentForNewOrgs(tx, options) : null;

        const stored = await loadStoredCases(
          tx,
          valid.map((r) => r.trackingNo),
        );
        const toInsert: ValidCaseRow[] = [];
        const skippedRows: number[] = [];
        for (const row of valid) {
          if (!orgs.has(row.orgCode) && !creatable.has(row.orgCode)) {
            errors.push({
              row: row.row,
              column: 'org_code',
              code: 'import.error.unknown_org',
              params: { value: row.orgCode },
            });
            continue;
          }
          const existing = stored.get(row.trackingNo);
          if (existing) {
            const columns = differingColumns(row, existing);
            if (columns.length === 0) skippedRows.push(row.row);
            else {
              errors.push({
                row: row.row,
                column: 'tracking_no',
                code: 'import.error.tracking_no_conflict',
                params: { columns: columns.join(',') },
              });
            }
            continue;
          }
          toInsert.push(row);
        }

        // A new organisation inherits the locks of the organisation it is created under.
        const lockOrgOf = (code: string): number | null => orgs.get(code)?.id ?? parent?.id ?? null;
        const lockOrgIds = [
          ...new Set(toInsert.map((r) => lockOrgOf(r.orgCode)).filter((id): id is number => id !== null)),
        ];
        const locks = await findEffectiveLocks(tx, { orgIds: lockOrgIds, years: [...allYears] });
        const lockedBy = new Map(locks.map((l) => [`${l.orgId}:${l.year}`, l.lockedOrgCode]));
        if (lockedBy.size > 0) {
          for (const row of toInsert) {
            const orgId = lockOrgOf(row.orgCode);
            const year = (yearsOf.get(row.row) ?? []).find((y) => lockedBy.has(`${orgId}:${y}`));
            if (year !== undefined) {
              errors.push({
                row: row.row,
                column: null,
                code: 'import.error.period_locked',
                params: { year, org: lockedBy.get(`${orgId}:${year}`) ?? '' },
              });
            }
          }
        }
        await report('validate', total, total);
        if (errors.length > 0) return { ok: false, importId, total, errors: sortImportErrors(errors) };

        const createdOrgs: string[] = [];
        for (const code of creatable) {
          if (!toInsert.some((r) => r.orgCode === code)) continue;
          const created = await createOrganisation(tx, {
            code,
            name: code,
            docPrefix: code,
            kind: 'other',
            parentId: parent?.id ?? null,
          });
          orgs.set(code, created);
          createdOrgs.push(code);
        }
        const orgIdOf = (code: string): number => {
          const org = orgs.get(code);
          if (!org) throw new Error(`organisation ${code} vanished during the import`);
          return org.id;
        };

        // Every successful import is a batch (issue 12 item 5), also one that only skipped rows: the import page
        // lists it with who, when, the file, the encoding read and the counts.
        await tx.$executeRaw`
          INSERT INTO import_batches (id, kind, actor_id, scope_path, file_name, encoding, total, inserted, skipped,
                                      created_orgs)
          VALUES (${importId}::uuid, 'cases', ${actor?.id ?? null}::uuid, ${actor?.orgPath ?? null}, ${fileName},
                  ${read.file.encoding}, ${total}, ${toInsert.length}, ${skippedRows.length}, ${createdOrgs}::text[])`;

        let processed = 0;
        await report('insert', 0, toInsert.length);
        for (const part of chunks(toInsert, chunkSize)) {
          await insertChunk(tx, part, orgIdOf, { importId, fileName, actor });
          processed += part.length;
          await report('insert', processed, toInsert.length);
        }
        if (toInsert.length > 0 || createdOrgs.length > 0) {
          const data = {
            importId,
            file: fileName,
            total,
            inserted: toInsert.length,
            skipped: skippedRows.length,
            createdOrgs,
          };
          await tx.$executeRaw`
          INSERT INTO audit_events (actor_id, type, data)
          VALUES (${actor?.id ?? null}::uuid, 'cases.imported', ${JSON.stringify(data)}::jsonb)`;
        }
        await report('done', total, total);
        // Last: it may lock the job row that progress reports (other connections) write.
        await options.beforeCommit?.(tx);
        return {
          ok: true,
          importId,
          total,
          inserted: toInsert.length,
          skipped: skippedRows.length,
          skippedRows,
          createdOrgs,
          encoding: read.file.encoding,
        };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
    )
    .catch((e: unknown) => {
      // Another import (or a registration) took one of these tracking numbers or organisation codes
      // between our checks and the insert: everything was rolled back; importing again reports it per row.
      if (isUniqueViolation(e)) throw new DomainError('CONFLICT', 'import.error.concurrent_change');
      throw e;
    });
}

function isUniqueViolation(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${JSON.stringify((e as { meta?: unknown }).meta ?? null)}` : '';
  return /23505|cases_tracking_no_key|organisations_code_key|unique constraint/i.test(text);
}
