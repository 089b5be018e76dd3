/**
 * Validation of an import file's rows on their own (no database): headers, required cells, ids, real
 * dates, outcome and conclusion date together, conclusion not before receipt, no date after today, no
 * tracking number twice. Every problem of every row is reported; the database checks (organisations,
 * existing tracking numbers, period locks) follow in import-cases.ts. Pure: `today` is passed in.
 */
import type { IsoDate } from '@/lib/calendar/iso-date';
import {
  ALL_CASE_FILE_COLUMNS,
  CASE_FILE_COLUMNS,
  FILE_CHANNELS,
  MAX_LENGTH,
  type CaseFileColumn,
  type ImportError,
} from '@/lib/import/case-file-format';
import {
  parseApplicantType,
  parseChineseChannel,
  parseDeliveryMethod,
  parseOfficeDate,
  parseOutcome,
  parseRequestedForm,
  type DeliveryMethod,
  type RequestedForm,
} from '@/lib/import/office-values';
import type { RawCaseFile } from '@/lib/import/read-case-file';
import type { ApplicantType, Channel, Outcome } from '@/lib/law/ids';
import { formatForYear } from '@/lib/statistics/layouts';

/** A row that passed every file-level check. */
export interface ValidCaseRow {
  readonly row: number;
  readonly trackingNo: string;
  readonly orgCode: string;
  readonly applicantType: ApplicantType;
  readonly applicantName: string;
  readonly channel: Channel;
  readonly receivedOn: IsoDate;
  readonly description: string;
  /** Both null for an open case, both set for a concluded one. */
  readonly outcome: Outcome | null;
  readonly concludedOn: IsoDate | null;
  /** 载体形式 / 获取方式; null when the file has no such column or an empty cell (stored as NULL: 未记录). */
  readonly requestedForm: RequestedForm | null;
  readonly deliveryMethod: DeliveryMethod | null;
}

export interface ValidateCaseRowsResult {
  readonly rows: readonly ValidCaseRow[];
  readonly errors: readonly ImportError[];
}

const REQUIRED: ReadonlySet<CaseFileColumn> = new Set([
  'tracking_no',
  'org_code',
  'applicant_type',
  'channel',
  'received_on',
]);

export function validateCaseRows(file: RawCaseFile, options: { readonly today: IsoDate }): ValidateCaseRowsResult {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const header of file.headers) {
    if (header === '') continue;
    if (seen.has(header) && (ALL_CASE_FILE_COLUMNS as readonly string[]).includes(header)) {
      errors.push({
        row: 1,
        column: header as CaseFileColumn,
        code: 'import.error.duplicate_column',
        params: { column: header },
      });
    }
    seen.add(header);
  }
  for (const column of CASE_FILE_COLUMNS) {
    if (!seen.has(column)) errors.push({ row: 1, column, code: 'import.error.missing_column', params: { column } });
  }
  if (errors.length > 0) return { rows: [], errors };
  if (file.rows.length === 0)
    return { rows: [], errors: [{ row: 1, column: null, code: 'import.error.no_rows', params: {} }] };

  const rows: ValidCaseRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const raw of file.rows) {
    const rowErrors: ImportError[] = [];
    const fail = (column: CaseFileColumn, code: ImportError['code'], params: ImportError['params'] = {}) =>
      rowErrors.push({ row: raw.row, column, code, params });
    const trimmed = {} as Record<CaseFileColumn, string>;
    for (const column of ALL_CASE_FILE_COLUMNS) {
      const value = (raw.values[column] ?? '').trim();
      trimmed[column] = value;
      if (value === '' && REQUIRED.has(column)) fail(column, 'import.error.required');
      if (value.length > MAX_LENGTH[column]) fail(column, 'import.error.too_long', { max: MAX_LENGTH[column] });
    }
    const text = (column: CaseFileColumn): string => trimmed[column];
    const date = (column: 'received_on' | 'concluded_on'): IsoDate | null => {
      const value = text(column);
      if (value === '') return null;
      const iso = parseOfficeDate(value);
      if (iso === null) {
        fail(column, 'import.error.invalid_date', { value });
        return null;
      }
      if (iso > options.today) fail(column, 'import.error.date_in_future', { value, today: options.today });
      return iso;
    };

    const trackingNo = text('tracking_no');
    const applicantType = text('applicant_type') === '' ? null : parseApplicantType(text('applicant_type'));
    if (text('applicant_type') !== '' && applicantType === null) {
      fail('applicant_type', 'import.error.invalid_applicant_type', { value: text('applicant_type') });
    }
    const channelText = text('channel').toLowerCase();
    const channel = FILE_CHANNELS[channelText] ?? parseChineseChannel(channelText);
    if (channelText !== '' && channel === null)
      fail('channel', 'import.error.invalid_channel', { value: text('channel') });
    const requestedForm = text('requested_form') === '' ? null : parseRequestedForm(text('requested_form'));
    if (text('requested_form') !== '' && requestedForm === null) {
      fail('requested_form', 'import.error.invalid_requested_form', { value: text('requested_form') });
    }
    const deliveryMethod = text('delivery_method') === '' ? null : parseDeliveryMethod(text('delivery_method'));
    if (text('delivery_method') !== '' && deliveryMethod === null) {
      fail('delivery_method', 'import.error.invalid_delivery_method', { value: text('delivery_method') });
    }
    const receivedOn = date('received_on');
    const concludedOn = date('concluded_on');
    const outcomeText = text('outcome');
    // Labels are read in the report format of the year the case was concluded in (layouts.ts).
    const outcomeFormat = formatForYear(Number((concludedOn ?? receivedOn ?? options.today).slice(0, 4)));
    const outcome = outcomeText === '' ? null : parseOutcome(outcomeText, outcomeFormat);
    if (outcomeText !== '' && outcome === null)
      fail('outcome', 'import.error.invalid_outcome', { value: text('outcome') });
    if (outcomeText === '' && text('concluded_on') !== '') fail('outcome', 'import.error.outcome_required');
    if (outcomeText !== '' && text('concluded_on') === '') fail('concluded_on', 'import.error.concluded_on_required');
    if (receivedOn !== null && concludedOn !== null && concludedOn < receivedOn) {
      fail('concluded_on', 'import.error.concluded_before_received', {
        received_on: receivedOn,
        concluded_on: concludedOn,
      });
    }
    if (trackingNo !== '') {
      const firstRow = firstRowOf.get(trackingNo);
      if (firstRow === undefined) firstRowOf.set(trackingNo, raw.row);
      else fail('tracking_no', 'import.error.duplicate_in_file', { firstRow });
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      row: raw.row,
      trackingNo,
      orgCode: text('org_code'),
      applicantType: applicantType as ApplicantType,
      applicantName: text('applicant_name'),
      channel: channel as Channel,
      receivedOn: receivedOn as IsoDate,
      description: text('description'),
      outcome: outcome as Outcome | null,
      concludedOn,
      requestedForm,
      deliveryMethod,
    });
  }
  return { rows, errors };
}
