/**
 * The layouts of the annual report tables (政府信息公开工作年度报告), as data. This is the ONE place that knows
 * the rows, columns, codes, exact Chinese labels and group headings of sections 二, 三 and 四 in the 2019
 * format (国办公开办函〔2019〕60号) and the 2021 format (国办公开办函〔2021〕30号). Derivation, checks, prose
 * and every export read their structure from here.
 *
 * Source: shared/reference/annual-report-formats.md §1–§3 and §6. The labels are data and must stay exact
 * (full-width punctuation as in the official format).
 *
 * Pure data and small pure helpers: no I/O.
 */
import { APPLICANT_TYPES, type ApplicantType, type Outcome } from '@/lib/law/ids';

// ---------------------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------------------

export const REPORT_FORMATS = ['2019', '2021'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The 2021 format (30号, published 2021-09-29) applies from report year 2021; 2019 and 2020 use 60号. */
export const FIRST_YEAR_OF_2021_FORMAT = 2021;
/**
 * The first report year under the revised 条例 (in force 2019-05-15) and its table. Reports for earlier
 * years used a different table that these ids do not describe; derivation and import refuse them.
 */
export const FIRST_SUPPORTED_REPORT_YEAR = 2019;

/** The national format that governs the report for `year`: '2019' up to 2020, '2021' from 2021. */
export function formatForYear(year: number): ReportFormat {
  return year < FIRST_YEAR_OF_2021_FORMAT ? '2019' : '2021';
}

export interface FormatDocument {
  /** Document number, cited in the report preamble. */
  readonly number: string;
  /** Full title of the notice, without book-title marks. */
  readonly title: string;
  /** Title of the attached format. */
  readonly formatTitle: string;
}

export const FORMAT_DOCUMENTS = {
  '2019': {
    number: '国办公开办函〔2019〕60号',
    title: '国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知',
    formatTitle: '中华人民共和国政府信息公开工作年度报告格式（试行）',
  },
  '2021': {
    number: '国办公开办函〔2021〕30号',
    title: '国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知',
    formatTitle: '中华人民共和国政府信息公开工作年度报告格式',
  },
} as const satisfies Record<ReportFormat, FormatDocument>;

/** The six section headings, identical in both formats. */
export const REPORT_SECTIONS = [
  { id: 'overview', label: '一、总体情况' },
  { id: 'proactive', label: '二、主动公开政府信息情况' },
  { id: 'applications', label: '三、收到和处理政府信息公开申请情况' },
  { id: 'appeals', label: '四、政府信息公开行政复议、行政诉讼情况' },
  { id: 'problems', label: '五、存在的主要问题及改进情况' },
  { id: 'other_matters', label: '六、其他需要报告的事项' },
] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number]['id'];

export function reportSectionLabel(id: ReportSectionId): string {
  const section = REPORT_SECTIONS.find((s) => s.id === id);
  if (!section) throw new RangeError(`unknown report section ${id}`);
  return section.label;
}

// ---------------------------------------------------------------------------------------------------------
// Section 三 — columns
// ---------------------------------------------------------------------------------------------------------

/** Top-left header cell of the section 三 table; part of the official table (rule C1 is stated here). */
export const SECTION3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const SECTION3_COLUMN_IDS = [...APPLICANT_TYPES, 'total'] as const;
export type Section3ColumnId = (typeof SECTION3_COLUMN_IDS)[number];

export const SECTION3_COLUMN_GROUPS = [
  { id: 'applicant', label: '申请人情况' },
  { id: 'organisation', label: '法人或其他组织' },
] as const;
export type Section3ColumnGroupId = (typeof SECTION3_COLUMN_GROUPS)[number]['id'];

export interface Section3ColumnLayout {
  readonly id: Section3ColumnId;
  readonly label: string;
  /** Column groups, outermost first. */
  readonly groups: readonly Section3ColumnGroupId[];
}

const APPLICANT_LABELS = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  public_welfare_org: '社会公益组织',
  legal_service_org: '法律服务机构',
  other_org: '其他',
} as const satisfies Record<ApplicantType, string>;

/** The seven columns of section 三, in table order (identical in both formats). */
export const SECTION3_COLUMNS: readonly Section3ColumnLayout[] = [
  ...APPLICANT_TYPES.map((id): Section3ColumnLayout => ({
    id,
    label: APPLICANT_LABELS[id],
    groups: id === 'natural_person' ? ['applicant'] : ['applicant', 'organisation'],
  })),
  { id: 'total', label: '总计', groups: ['applicant'] },
];

export function section3ColumnLabel(id: Section3ColumnId): string {
  return id === 'total' ? '总计' : APPLICANT_LABELS[id];
}

// ---------------------------------------------------------------------------------------------------------
// Section 三 — rows
// ---------------------------------------------------------------------------------------------------------

export type Section3RowId = 'new_received' | 'carried_over' | Outcome | 'total_processed' | 'carried_forward';

/**
 * - `intake`: 一 and 二 (left side of C1);
 * - `result`: a leaf row of 三 本年度办理结果 — one outcome;
 * - `result_total`: 三(七) 总计 = sum of the result rows (C2);
 * - `carry_forward`: 四.
 */
export type Section3RowRole = 'intake' | 'result' | 'result_total' | 'carry_forward';

export type Section3GroupId = 'results' | 'denied' | 'unavailable' | 'not_processed' | 'other';

export interface Section3GroupLayout {
  readonly id: Section3GroupId;
  readonly code: string;
  /** Heading cell; it carries no numbers of its own. */
  readonly label: string;
}

export interface Section3RowLayout {
  readonly id: Section3RowId;
  readonly code: string;
  readonly label: string;
  readonly role: Section3RowRole;
  /** Group headings the row sits under, outermost first (its label cells' position follows from this). */
  readonly groups: readonly Section3GroupId[];
}

export const SECTION3_GROUPS: Readonly<Record<Section3GroupId, Section3GroupLayout>> = {
  results: { id: 'results', code: '三', label: '三、本年度办理结果' },
  denied: { id: 'denied', code: '三(三)', label: '（三）不予公开' },
  unavailable: { id: 'unavailable', code: '三(四)', label: '（四）无法提供' },
  not_processed: { id: 'not_processed', code: '三(五)', label: '（五）不予处理' },
  other: { id: 'other', code: '三(六)', label: '（六）其他处理' },
};

const row = (
  id: Section3RowId,
  code: string,
  label: string,
  role: Section3RowRole,
  groups: readonly Section3GroupId[] = [],
): Section3RowLayout => ({ id, code, label, role, groups });

const result = (id: Outcome, code: string, label: string, group?: Section3GroupId): Section3RowLayout =>
  row(id, code, label, 'result', group ? ['results', group] : ['results']);

const ROWS_BEFORE_OTHER: readonly Section3RowLayout[] = [
  row('new_received', '一', '一、本年新收政府信息公开申请数量', 'intake'),
  row('carried_over', '二', '二、上年结转政府信息公开申请数量', 'intake'),
  result('granted', '三(一)', '（一）予以公开'),
  result('partially_granted', '三(二)', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
  result('denied_state_secret', '三(三)1', '1.属于国家秘密', 'denied'),
  result('denied_prohibited_by_law', '三(三)2', '2.其他法律行政法规禁止公开', 'denied'),
  result('denied_three_securities_one_stability', '三(三)3', '3.危及“三安全一稳定”', 'denied'),
  result('denied_third_party_rights', '三(三)4', '4.保护第三方合法权益', 'denied'),
  result('denied_internal_affairs', '三(三)5', '5.属于三类内部事务信息', 'denied'),
  result('denied_process_information', '三(三)6', '6.属于四类过程性信息', 'denied'),
  result('denied_law_enforcement_file', '三(三)7', '7.属于行政执法案卷', 'denied'),
  result('denied_administrative_inquiry', '三(三)8', '8.属于行政查询事项', 'denied'),
  result('unavailable_not_held', '三(四)1', '1.本机关不掌握相关政府信息', 'unavailable'),
  result('unavailable_requires_creation', '三(四)2', '2.没有现成信息需要另行制作', 'unavailable'),
  result('unavailable_unclear_after_correction', '三(四)3', '3.补正后申请内容仍不明确', 'unavailable'),
  result('not_processed_petition_complaint', '三(五)1', '1.信访举报投诉类申请', 'not_processed'),
  result('not_processed_repeat', '三(五)2', '2.重复申请', 'not_processed'),
  result('not_processed_publication', '三(五)3', '3.要求提供公开出版物', 'not_processed'),
  result('not_processed_excessive', '三(五)4', '4.无正当理由大量反复申请', 'not_processed'),
  result('not_processed_confirm_or_reissue', '三(五)5', '5.要求行政机关确认或重新出具已获取信息', 'not_processed'),
];

const ROWS_AFTER_OTHER: readonly Section3RowLayout[] = [
  row('total_processed', '三(七)', '（七）总计', 'result_total', ['results']),
  row('carried_forward', '四', '四、结转下年度继续办理', 'carry_forward'),
];

const OTHER_ROWS: Readonly<Record<ReportFormat, readonly Section3RowLayout[]>> = {
  // 2019: （六）其他处理 is one data row.
  '2019': [result('other_processing', '三(六)', '（六）其他处理')],
  // 2021: （六）其他处理 is a group heading over three data rows.
  '2021': [
    result(
      'other_no_correction',
      '三(六)1',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      'other',
    ),
    result(
      'other_fee_unpaid',
      '三(六)2',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      'other',
    ),
    result('other_misc', '三(六)3', '3.其他', 'other'),
  ],
};

/** Section 三 data rows in table order: 23 rows in the 2019 format, 25 in the 2021 format. */
export const SECTION3_ROWS: Readonly<Record<ReportFormat, readonly Section3RowLayout[]>> = {
  '2019': [...ROWS_BEFORE_OTHER, ...OTHER_ROWS['2019'], ...ROWS_AFTER_OTHER],
  '2021': [...ROWS_BEFORE_OTHER, ...OTHER_ROWS['2021'], ...ROWS_AFTER_OTHER],
};

/** All row ids that exist in either format. */
export const ALL_SECTION3_ROW_IDS: readonly Section3RowId[] = [
  ...new Set([...SECTION3_ROWS['2019'], ...SECTION3_ROWS['2021']].map((r) => r.id)),
];

export function section3Rows(format: ReportFormat): readonly Section3RowLayout[] {
  return SECTION3_ROWS[format];
}

export function section3RowLayout(format: ReportFormat, id: Section3RowId): Section3RowLayout | undefined {
  return SECTION3_ROWS[format].find((r) => r.id === id);
}

export function resultRowIds(format: ReportFormat): readonly Section3RowId[] {
  return SECTION3_ROWS[format].filter((r) => r.role === 'result').map((r) => r.id);
}

/** Where a group heading sits: its first data row (index into `section3Rows(format)`), span and depth. */
export interface Section3GroupSpan {
  readonly group: Section3GroupLayout;
  readonly firstRowIndex: number;
  readonly rowCount: number;
  /** 0 = outermost label column. */
  readonly depth: number;
}

/** Positions of the group headings, computed from the rows' `groups` paths (groups are contiguous). */
export function section3GroupSpans(format: ReportFormat): readonly Section3GroupSpan[] {
  const rows = SECTION3_ROWS[format];
  const spans: Section3GroupSpan[] = [];
  rows.forEach((r, index) => {
    r.groups.forEach((groupId, depth) => {
      const open = spans.find((s) => s.group.id === groupId);
      if (!open) {
        spans.push({ group: SECTION3_GROUPS[groupId], firstRowIndex: index, rowCount: 1, depth });
      } else if (open.firstRowIndex + open.rowCount === index) {
        spans[spans.indexOf(open)] = { ...open, rowCount: open.rowCount + 1 };
      } else {
        throw new Error(`group ${groupId} is not contiguous in the ${format} layout`);
      }
    });
  });
  return spans;
}

/** Number of label columns at the left of the table (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密). */
export const SECTION3_LABEL_DEPTH = 3;

/**
 * Which row a case outcome lands in, per format (annual-report-formats.md §7): in the 2019 layout the
 * three （六） sub-rows collapse into `other_processing`; in the 2021 layout an imported 2019-era
 * `other_processing` case shows as `other_misc` (3.其他).
 */
export function rowForOutcome(outcome: Outcome, format: ReportFormat): Section3RowId {
  if (format === '2019') {
    return outcome === 'other_no_correction' || outcome === 'other_fee_unpaid' || outcome === 'other_misc'
      ? 'other_processing'
      : outcome;
  }
  return outcome === 'other_processing' ? 'other_misc' : outcome;
}

/**
 * Derived subtotals the prose uses (§2b) — never table rows, never editable. Computed from the layout so
 * that 其他处理 is the single row in 2019 and the sum of the three sub-rows in 2021.
 */
export const RESULT_CATEGORY_IDS = [
  'granted',
  'partially_granted',
  'denied_subtotal',
  'unavailable_subtotal',
  'not_processed_subtotal',
  'other_subtotal',
] as const;
export type ResultCategoryId = (typeof RESULT_CATEGORY_IDS)[number];

/** The row group a category sums, or the single row it is (予以公开, 部分公开; 2019 其他处理). */
const CATEGORY_SOURCE: Readonly<Record<ResultCategoryId, Section3GroupId | Section3RowId>> = {
  granted: 'granted',
  partially_granted: 'partially_granted',
  denied_subtotal: 'denied',
  unavailable_subtotal: 'unavailable',
  not_processed_subtotal: 'not_processed',
  other_subtotal: 'other',
};

/** The result rows summed by a category in `format` (其他处理: one row in 2019, three in 2021). */
export function resultCategoryRows(format: ReportFormat, category: ResultCategoryId): readonly Section3RowId[] {
  const source = CATEGORY_SOURCE[category];
  const results = SECTION3_ROWS[format].filter((r) => r.role === 'result');
  const inGroup = results.filter((r) => (r.groups as readonly string[]).includes(source)).map((r) => r.id);
  if (inGroup.length > 0) return inGroup;
  if (category === 'other_subtotal') return ['other_processing'];
  return results.filter((r) => r.id === source).map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------------------
// Section 四
// ---------------------------------------------------------------------------------------------------------

export const SECTION4_BLOCK_IDS = ['administrative_review', 'litigation_direct', 'litigation_after_review'] as const;
export type Section4BlockId = (typeof SECTION4_BLOCK_IDS)[number];

export const SECTION4_RESULT_IDS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type Section4ResultId = (typeof SECTION4_RESULT_IDS)[number];

export const SECTION4_COLUMN_IDS = [...SECTION4_RESULT_IDS, 'total'] as const;
export type Section4ColumnId = (typeof SECTION4_COLUMN_IDS)[number];

export interface Section4BlockLayout {
  readonly id: Section4BlockId;
  /** First header level. */
  readonly level1: string;
  /** Second header level; null when the block has none (行政复议: its level-3 labels span two rows). */
  readonly level2: string | null;
}

/** One data row, 15 cells, three-level header; identical in both formats. */
export const SECTION4_BLOCKS: readonly Section4BlockLayout[] = [
  { id: 'administrative_review', level1: '行政复议', level2: null },
  { id: 'litigation_direct', level1: '行政诉讼', level2: '未经复议直接起诉' },
  { id: 'litigation_after_review', level1: '行政诉讼', level2: '复议后起诉' },
];

export const SECTION4_COLUMN_LABELS = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
} as const satisfies Record<Section4ColumnId, string>;

/** A readable name of a block for flat exports (CSV): `行政诉讼／复议后起诉`. */
export function section4BlockName(block: Section4BlockLayout): string {
  return block.level2 ? `${block.level1}／${block.level2}` : block.level1;
}

// ---------------------------------------------------------------------------------------------------------
// Section 二
// ---------------------------------------------------------------------------------------------------------

/**
 * - `count`: non-negative integer;
 * - `signed_count`: integer, may be negative (2019 本年增/减; the seed has −50);
 * - `amount`: non-negative decimal (money).
 */
export type Section2ValueKind = 'count' | 'signed_count' | 'amount';

export interface Section2ColumnLayout {
  readonly id: string;
  readonly label: string;
  readonly kind: Section2ValueKind;
  /**
   * For an amount whose unit the format leaves open (2019 采购总金额: reports write 万元 or 元), the key of
   * the row property that stores the unit as text, e.g. `total_amount_unit: '万元'`.
   */
  readonly unitKey?: string;
}

export interface Section2RowLayout {
  readonly id: string;
  readonly label: string;
}

export interface Section2SubTableLayout {
  readonly id: string;
  /** Header of the sub-table, e.g. 第二十条第（一）项. */
  readonly label: string;
  readonly columns: readonly Section2ColumnLayout[];
  readonly rows: readonly Section2RowLayout[];
}

/** Label of the first header cell of every sub-table. */
export const SECTION2_CONTENT_HEADER = '信息内容';

const itemColumns2019: readonly Section2ColumnLayout[] = [
  { id: 'prev_year_items', label: '上一年项目数量', kind: 'count' },
  { id: 'change', label: '本年增/减', kind: 'signed_count' },
  { id: 'decisions', label: '处理决定数量', kind: 'count' },
];

export const SECTION2_LAYOUTS: Readonly<Record<ReportFormat, readonly Section2SubTableLayout[]>> = {
  '2019': [
    {
      id: 'art20_1',
      label: '第二十条第（一）项',
      columns: [
        { id: 'new_made', label: '本年新制作数量', kind: 'count' },
        { id: 'new_published', label: '本年新公开数量', kind: 'count' },
        { id: 'total_published', label: '对外公开总数量', kind: 'count' },
      ],
      rows: [
        { id: 'regulations', label: '规章' },
        { id: 'normative_documents', label: '规范性文件' },
      ],
    },
    {
      id: 'art20_5',
      label: '第二十条第（五）项',
      columns: itemColumns2019,
      rows: [
        { id: 'administrative_licensing', label: '行政许可' },
        { id: 'other_external_services', label: '其他对外管理服务事项' },
      ],
    },
    {
      id: 'art20_6',
      label: '第二十条第（六）项',
      columns: itemColumns2019,
      rows: [
        { id: 'administrative_penalty', label: '行政处罚' },
        { id: 'administrative_coercion', label: '行政强制' },
      ],
    },
    {
      id: 'art20_8',
      label: '第二十条第（八）项',
      columns: itemColumns2019.slice(0, 2),
      rows: [{ id: 'administrative_fees', label: '行政事业性收费' }],
    },
    {
      id: 'art20_9',
      label: '第二十条第（九）项',
      columns: [
        { id: 'project_count', label: '采购项目数量', kind: 'count' },
        { id: 'total_amount', label: '采购总金额', kind: 'amount', unitKey: 'total_amount_unit' },
      ],
      rows: [{ id: 'government_procurement', label: '政府集中采购' }],
    },
  ],
  '2021': [
    {
      id: 'art20_1',
      label: '第二十条第（一）项',
      columns: [
        { id: 'issued', label: '本年制发件数', kind: 'count' },
        { id: 'repealed', label: '本年废止件数', kind: 'count' },
        { id: 'in_force', label: '现行有效件数', kind: 'count' },
      ],
      rows: [
        { id: 'regulations', label: '规章' },
        { id: 'administrative_normative_documents', label: '行政规范性文件' },
      ],
    },
    {
      id: 'art20_5',
      label: '第二十条第（五）项',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count' }],
      rows: [{ id: 'administrative_licensing', label: '行政许可' }],
    },
    {
      id: 'art20_6',
      label: '第二十条第（六）项',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count' }],
      rows: [
        { id: 'administrative_penalty', label: '行政处罚' },
        { id: 'administrative_coercion', label: '行政强制' },
      ],
    },
    {
      id: 'art20_8',
      label: '第二十条第（八）项',
      columns: [{ id: 'amount_10k_yuan', label: '本年收费金额（单位：万元）', kind: 'amount' }],
      rows: [{ id: 'administrative_fees', label: '行政事业性收费' }],
    },
  ],
};

/** Width of the section 二 table in cells: 信息内容 plus the widest sub-table (4 in both formats). */
export function section2Width(format: ReportFormat): number {
  return 1 + Math.max(...SECTION2_LAYOUTS[format].map((t) => t.columns.length));
}
