/**
 * The live fields of the annual report text (issue 12 item 2): every figure the narrative quotes is a token
 * `{{key}}` that renders with the current table's value, never a number typed by hand. Pure.
 *
 * Keys are Chinese, readable in the textarea, and built from the official layout (layouts.ts):
 * - section 三 cells: `三.<row code>.<column>` — `{{三.一.总计}}` (本年新收, total), `{{三.三(三)1.自然人}}`;
 * - section 四 cells: `四.<block>.<column>` — `{{四.行政复议.结果维持}}`, `{{四.复议后起诉.总计}}`;
 * - the figures the prose of the seed (平度 2020 §一（二）) quotes: `{{申请总数}}` (一 + 二), `{{本年新收}}`,
 *   `{{上年结转}}`, `{{办结总数}}` (三(七)), `{{结转下年}}`, the result categories `{{予以公开}}` … `{{其他处理}}`
 *   (其他处理 = the single 2019 row or the three 2021 rows), `{{行政复议}}`, `{{行政诉讼}}` (直接起诉 + 复议后起诉)
 *   and their results `{{行政复议.结果维持}}`, `{{行政诉讼.结果维持}}` …;
 * - shares with the base named in the key (the base is stated, never implied): `{{予以公开.占申请总数}}` (the
 *   seed's "占总数的48.8%") or `{{予以公开.占办结总数}}`, one decimal, half-up (prose-figures.ts);
 * - year-on-year: `{{申请总数.同比}}`, `{{行政复议.同比}}`, `{{行政诉讼.同比}}` → "下降13.3%" / "增长5.0%" /
 *   "持平" — only with a comparable base (published-base.ts); without one they render as a placeholder;
 * - 信息处理费 of the year from the fee notices (fee-figures.ts): `{{收费通知.件数}}`, `{{收费通知.金额}}` (元),
 *   `{{收取信息处理费.件数}}`, `{{收取信息处理费.金额}}`;
 * - `{{年度}}`: the report year; `{{格式文件}}`: the format notice of the year (60号 or 30号), quoted with its number.
 */
import { section3Cell, zeroIfMissing, type ImportedAnnualTable } from '@/lib/statistics/annual-table';
import type { FeeFigures } from '@/lib/statistics/fee-figures';
import {
  FORMAT_DOCUMENTS,
  SECTION3_COLUMNS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_IDS,
  SECTION4_COLUMN_LABELS,
  section3Rows,
  type ReportFormat,
  type Section3ColumnId,
  type Section3RowId,
} from '@/lib/statistics/layouts';
import { computeProseFigures, percentHalfUp, type ProseGroupId, type YearOnYear } from '@/lib/statistics/prose-figures';

/** Groups of the field inserter, in display order. */
export const FIELD_GROUPS = ['summary', 'shares', 'year_on_year', 'appeals', 'fees', 'section3', 'section4'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export interface FieldDefinition {
  readonly key: string;
  readonly group: FieldGroup;
  /** What the field is, in the official wording (report content, not UI text). */
  readonly label: string;
}

/** What a field resolves to: its text, or null when the value does not exist (no base, no fee records). */
export type FieldValues = Readonly<Record<string, string | null>>;

/** The prose categories with their key in the text. */
export const CATEGORY_KEYS: Readonly<Record<ProseGroupId, string>> = {
  granted: '予以公开',
  partially_granted: '部分公开',
  denied_subtotal: '不予公开',
  unavailable_subtotal: '无法提供',
  not_processed_subtotal: '不予处理',
  other_subtotal: '其他处理',
  carried_forward: '结转下年',
};

export const SHARE_BASES = { applications_total: '占申请总数', concluded: '占办结总数' } as const;

const APPEAL_RESULT_KEYS = ['结果维持', '结果纠正', '其他结果', '尚未审结'] as const;

function section4BlockKey(level1: string, level2: string | null): string {
  return level2 ?? level1;
}

/** Every field of a format, in inserter order. */
export function fieldCatalogue(format: ReportFormat): FieldDefinition[] {
  const out: FieldDefinition[] = [
    { key: '年度', group: 'summary', label: '报告年度' },
    { key: '格式文件', group: 'summary', label: '本年度报告格式的通知（名称和文号）' },
    { key: '申请总数', group: 'summary', label: '收到申请总数（本年新收＋上年结转）' },
    { key: '本年新收', group: 'summary', label: '一、本年新收政府信息公开申请数量' },
    { key: '上年结转', group: 'summary', label: '二、上年结转政府信息公开申请数量' },
    { key: '办结总数', group: 'summary', label: '三、（七）总计' },
  ];
  for (const key of Object.values(CATEGORY_KEYS)) out.push({ key, group: 'summary', label: `${key}（件）` });
  for (const key of Object.values(CATEGORY_KEYS)) {
    for (const base of Object.values(SHARE_BASES)) out.push({ key: `${key}.${base}`, group: 'shares', label: `${key}${base}的百分比` });
  }
  out.push(
    { key: '申请总数.同比', group: 'year_on_year', label: '收到申请总数同比（增长/下降…%）' },
    { key: '行政复议.同比', group: 'year_on_year', label: '行政复议案件同比' },
    { key: '行政诉讼.同比', group: 'year_on_year', label: '行政诉讼案件同比' },
  );
  for (const subject of ['行政复议', '行政诉讼'] as const) {
    out.push({ key: subject, group: 'appeals', label: `${subject}案件总数` });
    for (const r of APPEAL_RESULT_KEYS) out.push({ key: `${subject}.${r}`, group: 'appeals', label: `${subject}${r}` });
  }
  out.push(
    { key: '收费通知.件数', group: 'fees', label: '本年发出信息处理费收费通知（件）' },
    { key: '收费通知.金额', group: 'fees', label: '本年收费通知金额（元）' },
    { key: '收取信息处理费.件数', group: 'fees', label: '本年收取信息处理费（件）' },
    { key: '收取信息处理费.金额', group: 'fees', label: '本年收取信息处理费金额（元）' },
  );
  for (const row of section3Rows(format)) {
    for (const column of SECTION3_COLUMNS) {
      out.push({ key: `三.${row.code}.${column.label}`, group: 'section3', label: `${row.label} · ${column.label}` });
    }
  }
  for (const block of SECTION4_BLOCKS) {
    for (const column of SECTION4_COLUMN_IDS) {
      const blockKey = section4BlockKey(block.level1, block.level2);
      out.push({ key: `四.${blockKey}.${SECTION4_COLUMN_LABELS[column]}`, group: 'section4', label: `${block.level2 ? `${block.level1}（${block.level2}）` : block.level1} · ${SECTION4_COLUMN_LABELS[column]}` });
    }
  }
  return out;
}

/** "增长5.0%", "下降13.3%", "持平"; null when last year was 0 and this year is not (no percentage). */
export function yearOnYearText(yoy: YearOnYear): string | null {
  if (yoy.direction === 'unchanged') return '持平';
  if (yoy.percent === null) return null;
  return `${yoy.direction === 'increase' ? '增长' : '下降'}${yoy.percent}%`;
}

/** 1200.00 → "1200"; 12.50 → "12.50". */
function yuanText(amount: string): string {
  return amount.endsWith('.00') ? amount.slice(0, -3) : amount;
}

export interface FieldSources {
  readonly table: ImportedAnnualTable;
  /** Last year's comparable table (published-base.ts); without it the 同比 fields have no value. */
  readonly previous?: ImportedAnnualTable | null;
  /** The year's fee figures; without them the fee fields have no value. */
  readonly fees?: FeeFigures | null;
}

/** The value of every field of the table's format. Blank cells of imported tables count as 0 (as the prose). */
export function resolveFieldValues(sources: FieldSources): Record<string, string | null> {
  const { table, previous, fees } = sources;
  const doc = FORMAT_DOCUMENTS[table.format];
  const values: Record<string, string | null> = { 年度: String(table.year), 格式文件: `《${doc.title}》（${doc.number}）` };
  const byBase = {
    applications_total: computeProseFigures(table, { previous: previous ?? undefined, percentBase: 'applications_total' }),
    concluded: computeProseFigures(table, { percentBase: 'concluded' }),
  };
  const f = byBase.applications_total;
  values['申请总数'] = String(f.applications.total);
  values['本年新收'] = String(f.applications.newReceived);
  values['上年结转'] = String(f.applications.carriedOver);
  values['办结总数'] = String(f.applications.concluded);
  for (const group of f.groups) {
    const key = CATEGORY_KEYS[group.id];
    values[key] = String(group.count);
    values[`${key}.${SHARE_BASES.applications_total}`] = percentHalfUp(group.count, byBase.applications_total.base);
    // 转下一年 is no share of the cases answered (prose-figures.ts): no value on that base.
    values[`${key}.${SHARE_BASES.concluded}`] = group.id === 'carried_forward' ? null : percentHalfUp(group.count, byBase.concluded.base);
  }
  values['申请总数.同比'] = f.applications.yoy ? yearOnYearText(f.applications.yoy) : null;
  values['行政复议.同比'] = f.review.yoy ? yearOnYearText(f.review.yoy) : null;
  values['行政诉讼.同比'] = f.litigation.yoy ? yearOnYearText(f.litigation.yoy) : null;
  for (const [subject, figures] of [
    ['行政复议', f.review],
    ['行政诉讼', f.litigation],
  ] as const) {
    values[subject] = String(figures.total);
    values[`${subject}.结果维持`] = String(figures.upheld);
    values[`${subject}.结果纠正`] = String(figures.corrected);
    values[`${subject}.其他结果`] = String(figures.other);
    values[`${subject}.尚未审结`] = String(figures.pending);
  }
  values['收费通知.件数'] = fees ? String(fees.issuedCount) : null;
  values['收费通知.金额'] = fees ? yuanText(fees.issuedAmountYuan) : null;
  values['收取信息处理费.件数'] = fees ? String(fees.collectedCount) : null;
  values['收取信息处理费.金额'] = fees ? yuanText(fees.collectedAmountYuan) : null;
  for (const row of section3Rows(table.format)) {
    for (const column of SECTION3_COLUMNS) {
      values[`三.${row.code}.${column.label}`] = String(zeroIfMissing(section3Cell(table, row.id as Section3RowId, column.id as Section3ColumnId)));
    }
  }
  for (const block of SECTION4_BLOCKS) {
    for (const column of SECTION4_COLUMN_IDS) {
      values[`四.${section4BlockKey(block.level1, block.level2)}.${SECTION4_COLUMN_LABELS[column]}`] = String(zeroIfMissing(table.section4[block.id]?.[column]));
    }
  }
  return values;
}
