/**
 * The values Chinese offices actually write in their registers (issue 12 item 5), mapped onto the import
 * format's ids: the table's own labels for outcomes (of the year's format, shared/reference/
 * annual-report-formats.md §2) and applicant types, the channel names of Art. 29, dates as people type them,
 * and Chinese column headings. Pure: every mapping is derived from the layouts in lib/statistics/layouts.ts,
 * so a label can never drift from the table it counts in.
 */
import { isIsoDate, type IsoDate } from '@/lib/calendar/iso-date';
import type { CaseFileColumn } from '@/lib/import/case-file-format';
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Channel, type Outcome } from '@/lib/law/ids';
import {
  REPORT_FORMATS,
  SECTION3_GROUPS,
  section3ColumnLabel,
  section3Rows,
  type ReportFormat,
} from '@/lib/statistics/layouts';

// ---------------------------------------------------------------------------------------------------------
// Column headings
// ---------------------------------------------------------------------------------------------------------

/** Chinese headings an office register uses, by import column (the English ids are accepted as well). */
export const CHINESE_HEADINGS: Readonly<Record<CaseFileColumn, readonly string[]>> = {
  tracking_no: ['申请编号', '编号', '受理编号', '登记编号'],
  org_code: ['机构代码', '机关代码', '单位代码'],
  applicant_type: ['申请人类型', '申请人类别'],
  applicant_name: ['申请人', '申请人名称', '申请人姓名'],
  channel: ['申请渠道', '申请方式', '提交方式'],
  received_on: ['收到申请日期', '收到日期', '受理日期', '申请日期'],
  description: ['申请内容', '申请事项', '所需信息'],
  outcome: ['办理结果', '答复结果', '处理结果'],
  concluded_on: ['办结日期', '答复日期'],
  requested_form: ['载体形式', '信息载体形式', '获取信息的载体形式'],
  delivery_method: ['获取方式', '获取信息的方式', '送达方式'],
};

const HEADING_TO_COLUMN: ReadonlyMap<string, CaseFileColumn> = new Map(
  (Object.entries(CHINESE_HEADINGS) as [CaseFileColumn, readonly string[]][]).flatMap(([column, names]) =>
    names.map((name) => [compact(name), column] as const),
  ),
);

/** A header cell → the import column it names (English id or Chinese heading), or the cell lower-cased. */
export function headingToColumn(header: string): string {
  const lower = header.trim().toLowerCase();
  return HEADING_TO_COLUMN.get(compact(lower)) ?? lower;
}

// ---------------------------------------------------------------------------------------------------------
// Text normalisation shared by the label matchers
// ---------------------------------------------------------------------------------------------------------

/** Full-width ASCII → half-width, all white space and quotation marks removed. */
export function compact(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”"'‘’「」『』]/g, '')
    .toLowerCase();
}

const CHINESE_NUMERALS = '一二三四五六七八九十';
/** Leading numbering: （三） (三) 三、 三. 1. 1、 1． 1） — any run of them ("（三）1."). */
const NUMBERING = new RegExp(`^(?:[(（][${CHINESE_NUMERALS}\\d]+[)）]|[${CHINESE_NUMERALS}]+[、.．]|\\d+[、.．)）])+`);

/** A label without its numbering and without a trailing bracketed counting note. */
function core(label: string): string {
  return compact(label)
    .replace(NUMBERING, '')
    .replace(/[(（][^()（）]*[)）]$/, '');
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------------------

const GROUP_HEADINGS_WITH_ROWS = ['denied', 'unavailable', 'not_processed', 'other'] as const;

function buildOutcomeKeys(format: ReportFormat): ReadonlyMap<string, Outcome | null> {
  const keys = new Map<string, Outcome | null>();
  // null marks a key that more than one row claims (ambiguous): it is refused, never guessed.
  const add = (key: string, outcome: Outcome) => {
    if (key === '') return;
    const seen = keys.get(key);
    keys.set(key, seen === undefined || seen === outcome ? outcome : null);
  };
  const rows = section3Rows(format).filter((r) => r.role === 'result');
  const rowCores = new Map<string, number>();
  for (const r of rows) rowCores.set(core(r.label), (rowCores.get(core(r.label)) ?? 0) + 1);
  for (const r of rows) {
    const outcome = r.id as Outcome;
    const group = r.groups.find((g): g is (typeof GROUP_HEADINGS_WITH_ROWS)[number] =>
      (GROUP_HEADINGS_WITH_ROWS as readonly string[]).includes(g),
    );
    add(compact(r.label), outcome);
    if (group) {
      const groupLabel = SECTION3_GROUPS[group].label;
      for (const g of [compact(groupLabel), core(groupLabel)]) {
        for (const rr of [compact(r.label), core(r.label)]) add(`${g}/${rr}`, outcome);
      }
    }
    // A row alone where its label is unique in the format ("重复申请", "予以公开", "其他处理" in 2019).
    if (rowCores.get(core(r.label)) === 1) add(core(r.label), outcome);
  }
  // A group heading that is itself a data row (2019's （六）其他处理) is covered above; a heading over rows
  // (2021's （六）其他处理, （三）不予公开 …) alone names no single row and is left unmatched.
  return keys;
}

const OUTCOME_KEYS: Readonly<Record<ReportFormat, ReadonlyMap<string, Outcome | null>>> = Object.fromEntries(
  REPORT_FORMATS.map((f) => [f, buildOutcomeKeys(f)]),
) as Record<ReportFormat, ReadonlyMap<string, Outcome | null>>;

/**
 * An outcome as written in an office's register → the result row id, for the report format of the year the
 * case was concluded in; `null` when the text names no single row of that format. Accepted: the ids
 * themselves (any format, as before), the table's labels, a sub-row as group and row joined by "/" with or
 * without numbering and brackets ("不予公开/属于国家秘密", "（三）不予公开/1.属于国家秘密"), and a row alone
 * where its label is unique in the format.
 */
export function parseOutcome(text: string, format: ReportFormat): Outcome | null {
  const id = text.trim().toLowerCase();
  if ((OUTCOMES as readonly string[]).includes(id)) return id as Outcome;
  const key = compact(text).replace(/[／\\]/g, '/');
  const keys = OUTCOME_KEYS[format];
  const direct = keys.get(key) ?? keys.get(core(key));
  if (direct) return direct;
  const slash = key.indexOf('/');
  if (slash > 0) {
    const [g, r] = [key.slice(0, slash), key.slice(slash + 1)];
    return keys.get(`${core(g)}/${core(r)}`) ?? null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Applicant types and channels
// ---------------------------------------------------------------------------------------------------------

const APPLICANT_KEYS: ReadonlyMap<string, ApplicantType> = new Map(
  APPLICANT_TYPES.flatMap((t) => {
    const label = compact(section3ColumnLabel(t));
    return [[label, t] as const, [`法人或其他组织/${label}`, t] as const, [t, t] as const];
  }),
);

/** An applicant type as written: the id or the section 三 column heading (自然人, 商业企业 … 其他). */
export function parseApplicantType(text: string): ApplicantType | null {
  const key = compact(text).replace(/[／\\]/g, '/');
  return APPLICANT_KEYS.get(key) ?? APPLICANT_KEYS.get(key.replace(/^法人或其他组织\/?/, '')) ?? null;
}

/**
 * Channels as offices name them (Art. 29: 网络, 信函, 当面, 传真, 电子邮件), with or without 申请. 信函 is a
 * letter whose receipt date is the day signed for (post_signed), the same as the file format's `post`.
 */
const CHINESE_CHANNELS: Readonly<Record<string, Channel>> = {
  网上: 'online',
  网络: 'online',
  在线: 'online',
  信函: 'post_signed',
  邮寄: 'post_signed',
  当面: 'in_person',
  现场: 'in_person',
  传真: 'fax',
  电子邮件: 'email',
  邮件: 'email',
  其他: 'other',
};

export function parseChineseChannel(text: string): Channel | null {
  const key = compact(text).replace(/(申请|方式|渠道)$/, '');
  return CHINESE_CHANNELS[key] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// 载体形式 and 获取方式 (Art. 29 para 2 (三): the form and way the applicant asks for)
// ---------------------------------------------------------------------------------------------------------

export type RequestedForm = 'paper' | 'electronic';
export type DeliveryMethod = 'post' | 'email' | 'in_person' | 'online_download';

const REQUESTED_FORMS: Readonly<Record<string, RequestedForm>> = {
  paper: 'paper',
  electronic: 'electronic',
  纸质: 'paper',
  纸本: 'paper',
  书面: 'paper',
  电子: 'electronic',
  电子数据: 'electronic',
};

const DELIVERY_METHODS: Readonly<Record<string, DeliveryMethod>> = {
  post: 'post',
  email: 'email',
  in_person: 'in_person',
  online_download: 'online_download',
  邮寄: 'post',
  邮政: 'post',
  信函: 'post',
  电子邮件: 'email',
  邮件: 'email',
  当面领取: 'in_person',
  当面: 'in_person',
  自行领取: 'in_person',
  现场领取: 'in_person',
  领取: 'in_person',
  网上下载: 'online_download',
  在线下载: 'online_download',
  网上: 'online_download',
  网络: 'online_download',
};

/** 载体形式 as written (纸质, 纸质文本, 电子, 电子版 …, or the id); null when it is none of them. */
export function parseRequestedForm(text: string): RequestedForm | null {
  const key = compact(text).replace(/(文本|文件|版|形式|载体)$/, '');
  return REQUESTED_FORMS[key] ?? null;
}

/** 获取方式 as written (邮寄, 电子邮件, 当面领取, 网上下载 …, with or without 送达/获取, or the id). */
export function parseDeliveryMethod(text: string): DeliveryMethod | null {
  const key = compact(text).replace(/(送达|获取|方式)+$/, '');
  return DELIVERY_METHODS[key] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------------

const DATE_FORMS: readonly RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, // 2021-03-05, 2021-3-5, 2021/3/5, 2021.3.5
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, // 2021年3月5日
  /^(\d{4})(\d{2})(\d{2})$/, // 20210305
];

/** A date as people type it → 'YYYY-MM-DD', or null when it is none of the accepted forms or no real day. */
export function parseOfficeDate(text: string): IsoDate | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  for (const form of DATE_FORMS) {
    const m = form.exec(t);
    if (!m) continue;
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}
