/**
 * The downloadable XLSX template of the case import (issue 12 item 5): the Chinese headings an office keeps
 * in its register, drop-down lists (data validation) for 申请人类型, 申请渠道 and 办理结果 with the labels of
 * the current report format, date validation and a date number format on the two date columns, and a
 * second sheet with the accepted values. Every label comes from the layouts, so the template can never
 * offer a value the import refuses (a unit test reads the template back through the importer).
 */
import ExcelJS from 'exceljs';
import { ALL_CASE_FILE_COLUMNS, type CaseFileColumn } from '@/lib/import/case-file-format';
import { CHINESE_HEADINGS } from '@/lib/import/office-values';
import { APPLICANT_TYPES } from '@/lib/law/ids';
import {
  SECTION3_GROUPS,
  formatForYear,
  section3ColumnLabel,
  section3Rows,
  type ReportFormat,
} from '@/lib/statistics/layouts';

/** Channel names offered in the drop-down (office-values.ts accepts these and more). */
export const TEMPLATE_CHANNELS = ['网上申请', '信函申请', '当面申请', '传真申请', '电子邮件申请', '其他'] as const;

/** "（三）不予公开/1.属于国家秘密" for a sub-row, the label alone for a top-level row. */
export function outcomeChoices(format: ReportFormat): string[] {
  return section3Rows(format)
    .filter((r) => r.role === 'result')
    .map((r) => {
      const group = r.groups.find((g) => g !== 'results');
      return group ? `${SECTION3_GROUPS[group].label}/${r.label}` : r.label;
    });
}

/** exceljs supports range validations at run time; its typings only declare the per-cell form. */
type RangeValidatedSheet = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
};

const WIDTHS: Record<CaseFileColumn, number> = {
  tracking_no: 16,
  org_code: 12,
  applicant_type: 14,
  applicant_name: 20,
  channel: 14,
  received_on: 14,
  description: 40,
  outcome: 44,
  concluded_on: 14,
  requested_form: 10,
  delivery_method: 12,
};

/** 载体形式 and 获取方式 offered in the drop-downs (optional columns: left empty = 未记录). */
export const TEMPLATE_REQUESTED_FORMS = ['纸质', '电子'] as const;
export const TEMPLATE_DELIVERY_METHODS = ['邮寄', '电子邮件', '当面领取', '网上下载'] as const;

export async function caseImportTemplate(year: number): Promise<Buffer> {
  const format = formatForYear(year);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  // A fixed date keeps the file's bytes the same for the same format (no "now" in the metadata).
  workbook.created = workbook.modified = new Date(Date.UTC(2021, 0, 1));
  const sheet = workbook.addWorksheet('申请件', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = workbook.addWorksheet('取值');
  const heading = (c: CaseFileColumn) => CHINESE_HEADINGS[c][0]!;
  sheet.columns = ALL_CASE_FILE_COLUMNS.map((c) => ({ header: heading(c), key: c, width: WIDTHS[c] }));
  sheet.getRow(1).font = { bold: true };

  const applicantTypes = APPLICANT_TYPES.map((t) => section3ColumnLabel(t));
  const outcomes = outcomeChoices(format);
  const columns: [string, readonly string[]][] = [
    ['申请人类型', applicantTypes],
    ['申请渠道', TEMPLATE_CHANNELS],
    [`办理结果（${format}年版格式）`, outcomes],
    ['载体形式', TEMPLATE_REQUESTED_FORMS],
    ['获取方式', TEMPLATE_DELIVERY_METHODS],
  ];
  columns.forEach(([title, values], i) => {
    const col = lists.getColumn(i + 1);
    col.width = i === 2 ? 70 : 16;
    lists.getCell(1, i + 1).value = title;
    lists.getCell(1, i + 1).font = { bold: true };
    values.forEach((v, r) => (lists.getCell(r + 2, i + 1).value = v));
  });
  const range = (col: string, n: number) => `'取值'!$${col}$2:$${col}$${n + 1}`;
  const validations: Partial<Record<CaseFileColumn, ExcelJS.DataValidation>> = {
    applicant_type: { type: 'list', allowBlank: false, formulae: [range('A', applicantTypes.length)] },
    channel: { type: 'list', allowBlank: false, formulae: [range('B', TEMPLATE_CHANNELS.length)] },
    outcome: { type: 'list', allowBlank: true, formulae: [range('C', outcomes.length)] },
    received_on: { type: 'date', operator: 'greaterThan', allowBlank: false, formulae: [new Date(Date.UTC(2008, 0, 1))] },
    requested_form: { type: 'list', allowBlank: true, formulae: [range('D', TEMPLATE_REQUESTED_FORMS.length)] },
    delivery_method: { type: 'list', allowBlank: true, formulae: [range('E', TEMPLATE_DELIVERY_METHODS.length)] },
    concluded_on: { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(2008, 0, 1))] },
  };
  // Range validations (one rule per column, not one per cell) keep the file small and quick to write.
  const LAST_ROW = 5000;
  ALL_CASE_FILE_COLUMNS.forEach((c, i) => {
    const validation = validations[c];
    const letter = sheet.getColumn(i + 1).letter;
    if (validation) {
      (sheet as RangeValidatedSheet).dataValidations.add(`${letter}2:${letter}${LAST_ROW}`, {
        ...validation,
        showErrorMessage: true,
        errorTitle: heading(c),
        error: '请从下拉列表中选择或填写日期',
      });
    }
    if (c === 'received_on' || c === 'concluded_on') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
