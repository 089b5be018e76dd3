/**
 * The import format for historical cases (issue 5): one case per row, columns by header name (any order;
 * other columns are ignored), UTF-8 CSV (with or without BOM) or XLSX (first worksheet).
 *
 * | column         | content                                                                            |
 * |----------------|------------------------------------------------------------------------------------|
 * | tracking_no    | the case's tracking number, unique (re-importing the same row is a no-op)          |
 * | org_code       | organisations.code of the handling organisation                                    |
 * | applicant_type | a section 三 column id (natural_person … other_org) or its heading (自然人 … 其他)     |
 * | applicant_name | the named applicant (may be empty for anonymised historical data)                 |
 * | channel        | online, post (= registered post, post_signed), in_person, fax, email, other, or    |
 * |                | 网上申请, 信函申请, 当面申请, 传真申请, 电子邮件申请 (with or without 申请)             |
 * | received_on    | legal receipt date (收到申请之日, Art. 31): 2021-03-05, 2021-3-5, 2021/3/5, 2021.3.5, |
 * |                | 2021年3月5日, 20210305, or an Excel date cell                                        |
 * | description    | what was requested (may be empty)                                                  |
 * | outcome        | a result row id (the 2021 ids, or other_processing), or the table's label in the    |
 * |                | format of the year concluded (office-values.ts); empty while the case is open       |
 * | concluded_on   | date of conclusion (CONVENTIONS.md §5.3), as received_on; empty exactly when outcome is |
 *
 * Optional columns (OPTIONAL_CASE_FILE_COLUMNS; a file without them imports as before):
 *
 * | requested_form  | 载体形式 asked for: paper, electronic, 纸质, 电子 (…文本, …版)                          |
 * | delivery_method | 获取方式: post, email, in_person, online_download, 邮寄, 电子邮件, 当面领取, 网上下载 … |
 *
 * A case whose file has no value there stores NULL, shown as 未记录 — never a guessed default (issue 12
 * item 8: an imported case must not claim the applicant asked for electronic copies online).
 *
 * Headers may also be the Chinese headings of an office register (申请编号, 机构代码, 申请人类型, 申请人,
 * 申请渠道, 收到申请日期, 申请内容, 办理结果, 办结日期; office-values.ts CHINESE_HEADINGS). CSV may be UTF-8
 * (with or without BOM) or GBK / GB18030.
 *
 * Errors are reported as { row, column, code, params } with `code` a message key (lib/i18n catalogue);
 * `row` is the row number as a spreadsheet shows it: the header is row 1, the first case row 2.
 */
import { CHANNELS, type Channel } from '@/lib/law/ids';

export const CASE_FILE_COLUMNS = [
  'tracking_no',
  'org_code',
  'applicant_type',
  'applicant_name',
  'channel',
  'received_on',
  'description',
  'outcome',
  'concluded_on',
] as const;
/** Columns a file may have; missing = not recorded for every row. */
export const OPTIONAL_CASE_FILE_COLUMNS = ['requested_form', 'delivery_method'] as const;
export const ALL_CASE_FILE_COLUMNS = [...CASE_FILE_COLUMNS, ...OPTIONAL_CASE_FILE_COLUMNS] as const;
export type CaseFileColumn = (typeof ALL_CASE_FILE_COLUMNS)[number];

/**
 * Channels of the file format → stored channel (lib/law/ids.ts CHANNELS). `post` is registered post
 * (the date signed for is the receipt date); the stored ids themselves are accepted too, so a file
 * exported from Gongkai imports unchanged.
 */
export const FILE_CHANNELS: Readonly<Record<string, Channel>> = {
  online: 'online',
  post: 'post_signed',
  in_person: 'in_person',
  fax: 'fax',
  email: 'email',
  other: 'other',
  ...Object.fromEntries(CHANNELS.map((c) => [c, c])),
};

/** Longest accepted text per column (characters). */
export const MAX_LENGTH: Readonly<Record<CaseFileColumn, number>> = {
  tracking_no: 100,
  org_code: 100,
  applicant_type: 50,
  applicant_name: 200,
  channel: 50,
  received_on: 20,
  description: 20_000,
  outcome: 50,
  concluded_on: 20,
  requested_form: 20,
  delivery_method: 20,
};

/** Message keys of import errors (the UI translates them with their params). */
export const IMPORT_ERROR_CODES = [
  /** The file is neither XLSX nor UTF-8 text. params: {} */
  'import.error.unreadable_file',
  /** No case rows below the header. */
  'import.error.no_rows',
  /** A required header is missing. params: { column } */
  'import.error.missing_column',
  /** The same header appears twice. params: { column } */
  'import.error.duplicate_column',
  /** A required cell is empty. */
  'import.error.required',
  /** params: { max } */
  'import.error.too_long',
  /** Not a section 三 column id. params: { value } */
  'import.error.invalid_applicant_type',
  /** params: { value } */
  'import.error.invalid_channel',
  /** Not a 载体形式. params: { value } */
  'import.error.invalid_requested_form',
  /** Not a 获取方式. params: { value } */
  'import.error.invalid_delivery_method',
  /** Not an existing YYYY-MM-DD date. params: { value } */
  'import.error.invalid_date',
  /** After today. params: { value, today } */
  'import.error.date_in_future',
  /** Not a result row id. params: { value } */
  'import.error.invalid_outcome',
  /** concluded_on without outcome. */
  'import.error.outcome_required',
  /** outcome without concluded_on. */
  'import.error.concluded_on_required',
  /** concluded_on before received_on. params: { received_on, concluded_on } */
  'import.error.concluded_before_received',
  /** The tracking number appears earlier in the file. params: { firstRow } */
  'import.error.duplicate_in_file',
  /** Unknown organisation code (or outside the importing admin's organisation). params: { value } */
  'import.error.unknown_org',
  /** The tracking number exists with other data. params: { columns } (comma-separated) */
  'import.error.tracking_no_conflict',
  /** The case would change a locked report period. params: { year, org } */
  'import.error.period_locked',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Message keys of the import as a whole (DomainError keys and job errors), for the catalogue. */
export const IMPORT_MESSAGE_KEYS = [
  /** `parentOrgCode` is unknown or outside the admin's organisation. params: { org } */
  'import.error.unknown_parent_org',
  /** Job failed because the file has row errors (listed in the job's result). */
  'import.error.file_has_errors',
  /** Job cut off by a server restart. */
  'import.error.interrupted',
  /** A tracking number or organisation code was taken by someone else during the import (rolled back). */
  'import.error.concurrent_change',
] as const;

export interface ImportError {
  /** Spreadsheet row number (header = 1); 0 for the file as a whole. */
  readonly row: number;
  /** The offending column, or null for the row or file as a whole. */
  readonly column: CaseFileColumn | null;
  readonly code: ImportErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Orders errors by row, then by column order, for display. */
export function sortImportErrors(errors: readonly ImportError[]): ImportError[] {
  const columnIndex = (c: CaseFileColumn | null) => (c === null ? -1 : ALL_CASE_FILE_COLUMNS.indexOf(c));
  return [...errors].sort((a, b) => a.row - b.row || columnIndex(a.column) - columnIndex(b.column));
}
