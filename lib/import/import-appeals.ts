/**
 * Import of section 四 (行政复议 / 行政诉讼 with their results; issue 12 item 5) from CSV or XLSX
 * (appeal-file.ts), all or nothing, as one batch that can be undone (undo-import.ts).
 *
 * In ONE transaction: resolve the named cases (within the admin's scope: their organisation is the
 * appeal's) and organisation codes, check the period locks of the years each appeal counts in (filed and
 * decided), then — only if no row of the file has an error — insert the appeals with the batch id, record
 * the batch (kind `appeals`, with a digest of what was inserted) and one audit event `appeals.imported`.
 *
 * Re-import is idempotent: a row equal to an appeal already stored (same organisation, case, kind, filing
 * date, result, decision date and body) is skipped, counted as a multiset — a file with two identical rows
 * against one stored appeal inserts one. An imported appeal writes no case event: the case's history is the
 * workflow's; the batch and the audit event record the import (docs/decisions.md).
 */
import 'server-only';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import {
  sortAppealErrors,
  validateAppealRows,
  type AppealErrorCode,
  type AppealImportError,
  type ValidAppealRow,
} from '@/lib/import/appeal-file';
import type { ImportActor } from '@/lib/import/import-cases';
import { readCaseFile } from '@/lib/import/read-case-file';
import { appealsDigest } from '@/lib/import/undo-import';
import { uuidV7 } from '@/lib/import/uuid-v7';
import { findEffectiveLocks, holdPeriodsShared } from '@/lib/reports/period-lock';

export interface ImportAppealsOptions {
  readonly data: Uint8Array;
  readonly fileName: string;
  /** The admin importing, or null for the system (CLI). */
  readonly actor: ImportActor | null;
  /** Today in China (YYYY-MM-DD): no date may be later. */
  readonly today?: IsoDate;
}

export type ImportAppealsResult =
  | {
      readonly ok: true;
      readonly importId: string;
      readonly total: number;
      readonly inserted: number;
      readonly skipped: number;
      readonly encoding: 'utf-8' | 'gb18030' | null;
    }
  | { readonly ok: false; readonly total: number; readonly errors: readonly AppealImportError[] };

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const MAX_ROWS = 50_000;

interface CaseRef {
  readonly id: string;
  readonly tracking_no: string;
  readonly org_id: number;
  readonly org_code: string;
  readonly path: string;
}

interface OrgRef {
  readonly id: number;
  readonly code: string;
  readonly path: string;
}

const isoDay = (d: Date | null): string => (d === null ? '' : d.toISOString().slice(0, 10));

/** Imports a section 四 file (see the header). Admins only; `actor` null is the system (CLI). */
export async function importAppeals(options: ImportAppealsOptions): Promise<ImportAppealsResult> {
  const { actor } = options;
  if (actor !== null && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  const today = options.today ?? CHINA_DAY.format(new Date());
  const read = await readCaseFile(options.data);
  if (!read.ok) {
    return { ok: false, total: 0, errors: read.errors.map((e) => ({ row: e.row, column: null, code: e.code as AppealErrorCode, params: e.params })) };
  }
  const total = read.file.rows.length;
  if (total > MAX_ROWS) return { ok: false, total, errors: [{ row: 0, column: null, code: 'import.appeals.error.too_many_rows', params: { max: MAX_ROWS } }] };
  const validated = validateAppealRows(read.file, { today });
  const errors: AppealImportError[] = [...validated.errors];
  if (validated.rows.length === 0 && errors.length > 0) return { ok: false, total, errors: sortAppealErrors(errors) };
  const scopePath = actor?.orgPath ?? null;
  const inScope = (path: string) => scopePath === null || path.startsWith(scopePath);
  const importId = uuidV7();

  return db.$transaction(
    async (tx): Promise<ImportAppealsResult> => {
      const rows = validated.rows;
      const years = [...new Set(rows.flatMap((r) => [Number(r.filedOn.slice(0, 4)), ...(r.decidedOn ? [Number(r.decidedOn.slice(0, 4))] : [])]))];
      await holdPeriodsShared(tx, years);

      const trackingNos = [...new Set(rows.flatMap((r) => (r.trackingNo ? [r.trackingNo] : [])))];
      const cases = new Map(
        (
          await tx.$queryRaw<CaseRef[]>`
            SELECT c.id::text, c.tracking_no, c.org_id, o.code AS org_code, o.path
            FROM cases c JOIN organisations o ON o.id = c.org_id WHERE c.tracking_no = ANY(${trackingNos}::text[])`
        )
          .filter((c) => inScope(c.path))
          .map((c) => [c.tracking_no, c]),
      );
      const codes = [...new Set(rows.flatMap((r) => (r.orgCode ? [r.orgCode] : [])))];
      const orgs = new Map(
        (await tx.$queryRaw<OrgRef[]>`SELECT o.id, o.code, o.path FROM organisations o WHERE o.code = ANY(${codes}::text[])`)
          .filter((o) => inScope(o.path))
          .map((o) => [o.code, o]),
      );

      const resolved: Array<{ row: ValidAppealRow; orgId: number; caseId: string | null; orgCode: string }> = [];
      for (const row of rows) {
        const kase = row.trackingNo ? cases.get(row.trackingNo) : undefined;
        if (row.trackingNo && !kase) {
          errors.push({ row: row.row, column: 'tracking_no', code: 'import.appeals.error.unknown_case', params: { value: row.trackingNo } });
          continue;
        }
        const org = row.orgCode ? orgs.get(row.orgCode) : undefined;
        if (row.orgCode && !org) {
          errors.push({ row: row.row, column: 'org_code', code: 'import.error.unknown_org', params: { value: row.orgCode } });
          continue;
        }
        if (kase && org && kase.org_id !== org.id) {
          errors.push({ row: row.row, column: 'org_code', code: 'import.appeals.error.org_mismatch', params: { org: org.code, caseOrg: kase.org_code } });
          continue;
        }
        const orgId = kase?.org_id ?? org!.id;
        resolved.push({ row, orgId, caseId: kase?.id ?? null, orgCode: kase?.org_code ?? org!.code });
      }

      // Period locks of the organisation (or an ancestor) in the years the appeal counts in.
      const locks = await findEffectiveLocks(tx, { orgIds: [...new Set(resolved.map((r) => r.orgId))], years });
      const lockedBy = new Map(locks.map((l) => [`${l.orgId}:${l.year}`, l.lockedOrgCode]));
      for (const r of resolved) {
        const ys = [Number(r.row.filedOn.slice(0, 4)), ...(r.row.decidedOn ? [Number(r.row.decidedOn.slice(0, 4))] : [])];
        const year = ys.find((y) => lockedBy.has(`${r.orgId}:${y}`));
        if (year !== undefined) {
          errors.push({ row: r.row.row, column: null, code: 'import.error.period_locked', params: { year, org: lockedBy.get(`${r.orgId}:${year}`) ?? '' } });
        }
      }
      if (errors.length > 0) return { ok: false, total, errors: sortAppealErrors(errors) };

      // Re-import: skip rows equal to stored appeals, as a multiset.
      const keyOf = (a: { orgId: number; caseId: string | null; kind: string; filedOn: string; result: string; decidedOn: string; body: string }) =>
        [a.orgId, a.caseId ?? '', a.kind, a.filedOn, a.result, a.decidedOn, a.body].join('|');
      const stored = await tx.$queryRaw<
        { org_id: number; case_id: string | null; kind: string; filed_on: Date; result: string; decided_on: Date | null; body: string }[]
      >`
        SELECT a.org_id, a.case_id::text, a.kind::text, a.filed_on, a.result::text, a.decided_on, a.body FROM appeals a
        WHERE a.org_id = ANY(${[...new Set(resolved.map((r) => r.orgId))]}::int[])
          AND a.filed_on = ANY(${[...new Set(resolved.map((r) => r.row.filedOn))]}::date[])`;
      const available = new Map<string, number>();
      for (const s of stored) {
        const key = keyOf({ orgId: s.org_id, caseId: s.case_id, kind: s.kind, filedOn: isoDay(s.filed_on), result: s.result, decidedOn: isoDay(s.decided_on), body: s.body });
        available.set(key, (available.get(key) ?? 0) + 1);
      }
      const toInsert: typeof resolved = [];
      let skipped = 0;
      for (const r of resolved) {
        const key = keyOf({ orgId: r.orgId, caseId: r.caseId, kind: r.row.kind, filedOn: r.row.filedOn, result: r.row.result, decidedOn: r.row.decidedOn ?? '', body: r.row.body });
        const n = available.get(key) ?? 0;
        if (n > 0) {
          available.set(key, n - 1);
          skipped++;
        } else toInsert.push(r);
      }

      await tx.$executeRaw`
        INSERT INTO import_batches (id, kind, actor_id, scope_path, file_name, encoding, total, inserted, skipped, created_orgs)
        VALUES (${importId}::uuid, 'appeals', ${actor?.id ?? null}::uuid, ${scopePath}, ${options.fileName},
                ${read.file.encoding}, ${total}, ${toInsert.length}, ${skipped}, ${[] as string[]}::text[])`;
      if (toInsert.length > 0) {
        await tx.$executeRaw`
          INSERT INTO appeals (id, case_id, org_id, kind, filed_on, body, result, decided_on, note, import_batch_id)
          SELECT u.id, u.case_id, u.org_id, u.kind::"AppealKind", u.filed_on, u.body, u.result::"AppealResult", u.decided_on,
                 u.note, ${importId}::uuid
          FROM unnest(${toInsert.map(() => uuidV7())}::uuid[], ${toInsert.map((r) => r.caseId)}::uuid[],
                      ${toInsert.map((r) => r.orgId)}::int[], ${toInsert.map((r) => r.row.kind)}::text[],
                      ${toInsert.map((r) => r.row.filedOn)}::date[], ${toInsert.map((r) => r.row.body)}::text[],
                      ${toInsert.map((r) => r.row.result)}::text[], ${toInsert.map((r) => r.row.decidedOn)}::date[],
                      ${toInsert.map((r) => r.row.note)}::text[])
               AS u(id, case_id, org_id, kind, filed_on, body, result, decided_on, note)`;
      }
      const digest = await appealsDigest(tx, importId);
      await tx.$executeRaw`UPDATE import_batches SET digest = ${digest} WHERE id = ${importId}::uuid`;
      const data = { importId, file: options.fileName, total, inserted: toInsert.length, skipped };
      await tx.$executeRaw`
        INSERT INTO audit_events (actor_id, type, data) VALUES (${actor?.id ?? null}::uuid, 'appeals.imported', ${JSON.stringify(data)}::jsonb)`;
      return { ok: true, importId, total, inserted: toInsert.length, skipped, encoding: read.file.encoding };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
