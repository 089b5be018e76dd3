/**
 * The import format of section 四 (政府信息公开行政复议、行政诉讼情况; issue 12 item 5): one 行政复议 or
 * 行政诉讼 per row, CSV (UTF-8 or GBK/GB18030) or XLSX, read by read-case-file.ts; headers as English ids or
 * the Chinese headings of an office's register, values as offices write them. Pure: `today` is passed in.
 *
 * | column          | headings (any of)                          | content                                          |
 * |-----------------|--------------------------------------------|--------------------------------------------------|
 * | tracking_no     | 申请编号, 关联申请编号 …                    | the case appealed against, or empty (none known) |
 * | org_code        | 机构代码 …                                  | the organisation; may be empty when a case is named |
 * | kind            | 类型, 案件类型, 复议诉讼类型                 | 复议 / 行政复议, 诉讼 / 行政诉讼, or the block itself: 未经复议直接起诉, 复议后起诉 (also "行政诉讼/复议后起诉") |
 * | litigation_kind | 诉讼类型, 起诉方式 (optional)               | for 诉讼: 未经复议直接起诉 (直接起诉) or 复议后起诉 |
 * | filed_on        | 提起日期, 申请复议日期, 起诉日期, 立案日期   | date filed (the year it counts in, SECTION4_YEAR_ATTRIBUTION) |
 * | result          | 结果, 审理结果, 复议诉讼结果                 | 结果维持 (维持, 驳回), 结果纠正 (纠正), 其他结果 (其他), 尚未审结 (未审结, 审理中) or empty = 尚未审结 |
 * | concluded_on    | 审结日期, 办结日期, 结案日期, 决定日期       | date decided: required with a result, empty while 尚未审结 |
 * | body            | 复议机关或法院, 复议机关, 法院 (optional)    | who decides                                      |
 * | note            | 备注 (optional)                             |                                                  |
 *
 * The result counts as of 31 December of the filing year (lib/statistics/CONVENTIONS.md §5.7): an appeal
 * decided in a later year is 尚未审结 in its filing year's table, exactly as the annual table counts.
 */
import type { IsoDate } from '@/lib/calendar/iso-date';
import { compact, parseOfficeDate } from '@/lib/import/office-values';
import type { RawCaseFile } from '@/lib/import/read-case-file';
import type { AppealKind, AppealResult } from '@/lib/cases/workflow-guards';

/** Required headers; 申请编号 and 机构代码 are optional columns, but every row needs one of them. */
export const APPEAL_FILE_COLUMNS = ['kind', 'filed_on', 'result', 'concluded_on'] as const;
export const OPTIONAL_APPEAL_FILE_COLUMNS = ['tracking_no', 'org_code', 'litigation_kind', 'body', 'note'] as const;
export const ALL_APPEAL_FILE_COLUMNS = [...APPEAL_FILE_COLUMNS, ...OPTIONAL_APPEAL_FILE_COLUMNS] as const;
export type AppealFileColumn = (typeof ALL_APPEAL_FILE_COLUMNS)[number];

/** Chinese headings by column; read-case-file.ts has already turned 申请编号, 机构代码, 办结日期 into ids. */
export const APPEAL_HEADINGS: Readonly<Record<AppealFileColumn, readonly string[]>> = {
  tracking_no: ['申请编号', '关联申请编号', '申请件编号', '原申请编号'],
  org_code: ['机构代码', '机关代码', '单位代码', '被申请人代码', '被告代码'],
  kind: ['类型', '案件类型', '复议诉讼类型', '类别', '种类'],
  litigation_kind: ['诉讼类型', '起诉方式', '诉讼方式'],
  filed_on: ['提起日期', '申请复议日期', '起诉日期', '立案日期', '收案日期', '提起复议诉讼日期'],
  result: ['结果', '审理结果', '复议诉讼结果', '复议结果', '诉讼结果', '裁判结果'],
  concluded_on: ['审结日期', '办结日期', '结案日期', '决定日期', '判决日期'],
  body: ['复议机关或法院', '复议机关', '法院', '审理机关', '受理机关'],
  note: ['备注', '说明'],
};

const HEADING_TO_APPEAL_COLUMN: ReadonlyMap<string, AppealFileColumn> = new Map(
  (Object.entries(APPEAL_HEADINGS) as [AppealFileColumn, readonly string[]][]).flatMap(([column, names]) => [
    [column, column] as const,
    ...names.map((n) => [compact(n), column] as const),
  ]),
);

/** A header as read-case-file.ts normalised it → the appeal column it names, or itself. */
export function appealColumnOf(header: string): string {
  return HEADING_TO_APPEAL_COLUMN.get(compact(header)) ?? header;
}

export const APPEAL_MAX_LENGTH: Readonly<Record<AppealFileColumn, number>> = {
  tracking_no: 100,
  org_code: 100,
  kind: 50,
  litigation_kind: 50,
  filed_on: 20,
  result: 50,
  concluded_on: 20,
  body: 200,
  note: 2000,
};

export const APPEAL_ERROR_CODES = [
  'import.error.unreadable_file',
  'import.error.no_rows',
  'import.error.missing_column',
  'import.error.duplicate_column',
  'import.error.required',
  'import.error.too_long',
  'import.error.invalid_date',
  'import.error.date_in_future',
  /** params: { value } */
  'import.appeals.error.invalid_kind',
  /** 诉讼 without saying whether it followed a 复议. */
  'import.appeals.error.litigation_kind_required',
  /** params: { value } */
  'import.appeals.error.invalid_litigation_kind',
  /** params: { value } */
  'import.appeals.error.invalid_result',
  /** A result (维持/纠正/其他) without the date decided. */
  'import.appeals.error.concluded_on_required',
  /** A date decided with 尚未审结. */
  'import.appeals.error.concluded_on_without_result',
  /** params: { filed_on, concluded_on } */
  'import.appeals.error.concluded_before_filed',
  /** Neither a case nor an organisation. */
  'import.appeals.error.org_or_case_required',
  /** params: { value } */
  'import.appeals.error.unknown_case',
  /** params: { value } */
  'import.error.unknown_org',
  /** The organisation is not the case's. params: { org, caseOrg } */
  'import.appeals.error.org_mismatch',
  /** params: { year, org } */
  'import.error.period_locked',
  /** params: { max } */
  'import.appeals.error.too_many_rows',
] as const;
export type AppealErrorCode = (typeof APPEAL_ERROR_CODES)[number];

export interface AppealImportError {
  readonly row: number;
  readonly column: AppealFileColumn | null;
  readonly code: AppealErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface ValidAppealRow {
  readonly row: number;
  readonly trackingNo: string | null;
  readonly orgCode: string | null;
  readonly kind: AppealKind;
  readonly filedOn: IsoDate;
  readonly result: AppealResult;
  readonly decidedOn: IsoDate | null;
  readonly body: string;
  readonly note: string | null;
}

const REVIEW = new Set(['复议', '行政复议', 'administrative_review', 'review']);
const LITIGATION = new Set(['诉讼', '行政诉讼', 'litigation']);
const DIRECT = new Set(['未经复议直接起诉', '直接起诉', '未经复议', '未经复议起诉', 'litigation_direct', 'direct']);
const AFTER_REVIEW = new Set(['复议后起诉', '经复议后起诉', '经复议起诉', '复议后', 'litigation_after_review', 'after_review']);

/** 类型 as written → the block, 'litigation' when only 诉讼 is said, or null. */
export function parseAppealKind(text: string): AppealKind | 'litigation' | null {
  const key = compact(text).replace(/[／\\]/g, '/');
  const last = key.includes('/') ? key.slice(key.lastIndexOf('/') + 1) : key;
  const head = key.includes('/') ? key.slice(0, key.indexOf('/')) : null;
  if (head !== null && !LITIGATION.has(head)) return null;
  if (REVIEW.has(last) && head === null) return 'administrative_review';
  if (DIRECT.has(last)) return 'litigation_direct';
  if (AFTER_REVIEW.has(last)) return 'litigation_after_review';
  if (LITIGATION.has(last) && head === null) return 'litigation';
  return null;
}

/** 诉讼类型 as written → the litigation block, or null. */
export function parseLitigationKind(text: string): 'litigation_direct' | 'litigation_after_review' | null {
  const key = compact(text);
  if (DIRECT.has(key)) return 'litigation_direct';
  if (AFTER_REVIEW.has(key)) return 'litigation_after_review';
  return null;
}

const RESULTS: Readonly<Record<string, AppealResult>> = {
  结果维持: 'upheld',
  维持: 'upheld',
  驳回: 'upheld', // 驳回诉讼请求 / 驳回复议申请 leave the answer standing (AppealResult.upheld)
  驳回诉讼请求: 'upheld',
  结果纠正: 'corrected',
  纠正: 'corrected',
  其他结果: 'other',
  其他: 'other',
  尚未审结: 'pending',
  未审结: 'pending',
  审理中: 'pending',
  upheld: 'upheld',
  corrected: 'corrected',
  other: 'other',
  pending: 'pending',
};

/** 结果 as written (the table's column labels and their short forms, or the ids) → the result; '' = 尚未审结. */
export function parseAppealResult(text: string): AppealResult | null {
  const key = compact(text);
  if (key === '') return 'pending';
  return RESULTS[key] ?? null;
}

const REQUIRED: ReadonlySet<AppealFileColumn> = new Set(['kind', 'filed_on']);

/** Every row checked on its own; the database checks (cases, organisations, locks) follow in import-appeals.ts. */
export function validateAppealRows(
  file: RawCaseFile,
  options: { readonly today: IsoDate },
): { readonly rows: readonly ValidAppealRow[]; readonly errors: readonly AppealImportError[] } {
  const errors: AppealImportError[] = [];
  const headers = file.headers.map(appealColumnOf);
  const seen = new Set<string>();
  for (const h of headers) {
    if (h === '') continue;
    if (seen.has(h) && (ALL_APPEAL_FILE_COLUMNS as readonly string[]).includes(h)) {
      errors.push({ row: 1, column: h as AppealFileColumn, code: 'import.error.duplicate_column', params: { column: h } });
    }
    seen.add(h);
  }
  for (const column of APPEAL_FILE_COLUMNS) {
    if (!seen.has(column)) errors.push({ row: 1, column, code: 'import.error.missing_column', params: { column } });
  }
  if (errors.length > 0) return { rows: [], errors };
  if (file.rows.length === 0) return { rows: [], errors: [{ row: 1, column: null, code: 'import.error.no_rows', params: {} }] };

  // The raw values are keyed by read-case-file's header names; re-key them by appeal column.
  const columnOfHeader = new Map(file.headers.map((h, i) => [h, headers[i]!]));
  const rows: ValidAppealRow[] = [];
  for (const raw of file.rows) {
    const rowErrors: AppealImportError[] = [];
    const fail = (column: AppealFileColumn | null, code: AppealErrorCode, params: AppealImportError['params'] = {}) =>
      rowErrors.push({ row: raw.row, column, code, params });
    const cell = {} as Record<AppealFileColumn, string>;
    for (const column of ALL_APPEAL_FILE_COLUMNS) cell[column] = '';
    for (const [header, value] of Object.entries(raw.values)) {
      const column = columnOfHeader.get(header);
      if (column && (ALL_APPEAL_FILE_COLUMNS as readonly string[]).includes(column)) cell[column as AppealFileColumn] = value.trim();
    }
    for (const column of ALL_APPEAL_FILE_COLUMNS) {
      if (cell[column] === '' && REQUIRED.has(column)) fail(column, 'import.error.required');
      if (cell[column].length > APPEAL_MAX_LENGTH[column]) fail(column, 'import.error.too_long', { max: APPEAL_MAX_LENGTH[column] });
    }
    const date = (column: 'filed_on' | 'concluded_on'): IsoDate | null => {
      if (cell[column] === '') return null;
      const iso = parseOfficeDate(cell[column]);
      if (iso === null) fail(column, 'import.error.invalid_date', { value: cell[column] });
      else if (iso > options.today) fail(column, 'import.error.date_in_future', { value: cell[column], today: options.today });
      return iso;
    };

    let kind: AppealKind | null = null;
    if (cell.kind !== '') {
      const parsed = parseAppealKind(cell.kind);
      const litigation = cell.litigation_kind === '' ? null : parseLitigationKind(cell.litigation_kind);
      if (cell.litigation_kind !== '' && litigation === null) {
        fail('litigation_kind', 'import.appeals.error.invalid_litigation_kind', { value: cell.litigation_kind });
      }
      if (parsed === null) fail('kind', 'import.appeals.error.invalid_kind', { value: cell.kind });
      else if (parsed === 'litigation') {
        if (litigation !== null) kind = litigation;
        else if (cell.litigation_kind === '') fail('litigation_kind', 'import.appeals.error.litigation_kind_required');
      } else if (litigation !== null && litigation !== parsed) {
        fail('litigation_kind', 'import.appeals.error.invalid_litigation_kind', { value: cell.litigation_kind });
      } else kind = parsed;
    }
    const filedOn = date('filed_on');
    const decidedOn = date('concluded_on');
    const result = parseAppealResult(cell.result);
    if (result === null) fail('result', 'import.appeals.error.invalid_result', { value: cell.result });
    if (result !== null && result !== 'pending' && cell.concluded_on === '') fail('concluded_on', 'import.appeals.error.concluded_on_required');
    if (result === 'pending' && cell.concluded_on !== '') fail('concluded_on', 'import.appeals.error.concluded_on_without_result');
    if (filedOn !== null && decidedOn !== null && decidedOn < filedOn) {
      fail('concluded_on', 'import.appeals.error.concluded_before_filed', { filed_on: filedOn, concluded_on: decidedOn });
    }
    if (cell.tracking_no === '' && cell.org_code === '') fail('org_code', 'import.appeals.error.org_or_case_required');

    if (rowErrors.length > 0 || kind === null || filedOn === null || result === null) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      row: raw.row,
      trackingNo: cell.tracking_no === '' ? null : cell.tracking_no,
      orgCode: cell.org_code === '' ? null : cell.org_code,
      kind,
      filedOn,
      result,
      decidedOn: result === 'pending' ? null : decidedOn,
      body: cell.body,
      note: cell.note === '' ? null : cell.note,
    });
  }
  return { rows, errors };
}

/** Orders errors by row, then by column order, for display. */
export function sortAppealErrors(errors: readonly AppealImportError[]): AppealImportError[] {
  const index = (c: AppealFileColumn | null) => (c === null ? -1 : ALL_APPEAL_FILE_COLUMNS.indexOf(c));
  return [...errors].sort((a, b) => a.row - b.row || index(a.column) - index(b.column));
}
