/**
 * CSV export of sections 二, 三 and 四 (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed),
 * UTF-8 with a byte-order mark so that Excel opens the Chinese labels correctly.
 *
 * Layout (blank cells = missing values of an imported table). With the export's provenance (what it is:
 * export-provenance.ts) the file opens with one `label,value` line each — 机关, 机关代码, 统计范围, 年度,
 * 数据状态, 生成时间 — and a blank line. Then section 二, one block per sub-table (`row_id,信息内容,<columns>`;
 * an aggregate's section 二 carries the note that it is the organisation's own figures), then:
 * ```
 * 三、收到和处理政府信息公开申请情况
 * （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
 * row_id,代码,分组,项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计
 * new_received,一,,一、本年新收政府信息公开申请数量,500,14,0,0,12,2,528
 * granted,三(一),三、本年度办理结果,（一）予以公开,236,9,0,0,12,1,258
 * denied_state_secret,三(三)1,三、本年度办理结果／（三）不予公开,1.属于国家秘密,4,0,0,0,0,0,4
 * …                                                      (every row of the year's layout, in table order)
 * carried_forward,四,,四、结转下年度继续办理,10,0,0,0,0,0,10
 *
 * 四、政府信息公开行政复议、行政诉讼情况
 * block_id,项目,结果维持,结果纠正,其他结果,尚未审结,总计
 * administrative_review,行政复议,7,2,0,0,9
 * litigation_direct,行政诉讼／未经复议直接起诉,3,0,0,0,3
 * litigation_after_review,行政诉讼／复议后起诉,…
 * ```
 * `row_id` / `block_id` are the ids of annual-report-formats.md, so the file can be read back by machine;
 * 分组 is the path of group headings (三、本年度办理结果／（三）不予公开), 项目 the exact label of the row.
 */
import { section2Number, section2Text, type Cell, type ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { SECTION2_OWN_ONLY_NOTE, provenanceFields, type ExportProvenance } from '@/lib/statistics/export-provenance';
import {
  SECTION2_CONTENT_HEADER,
  SECTION2_LAYOUTS,
  SECTION3_COLUMNS,
  SECTION3_GROUPS,
  SECTION3_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_IDS,
  SECTION4_COLUMN_LABELS,
  reportSectionLabel,
  section3Rows,
  section4BlockName,
} from '@/lib/statistics/layouts';

export const CSV_BOM = '\uFEFF';
const EOL = '\r\n';

/**
 * One CSV field: quoted when it contains a comma, a quote or a line break (RFC 4180). Text (an organisation's
 * name, section 二's content) that a spreadsheet would run as a formula — starting with =, +, -, @, a tab or a
 * CR — gets a leading apostrophe (formula injection); numbers are written as they are.
 */
export function csvField(value: string | Cell): string {
  let content = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(content) && !/^-?\d+(\.\d+)?$/.test(content)) content = `'${content}`;
  return /[",\r\n]/.test(content) ? `"${content.replace(/"/g, '""')}"` : content;
}

const line = (values: ReadonlyArray<string | Cell>): string => values.map(csvField).join(',');

function section2Lines(table: ImportedAnnualTable, provenance?: ExportProvenance): string[] {
  const lines = [line([reportSectionLabel('proactive')])];
  if (provenance?.scope === 'subtree') lines.push(line([SECTION2_OWN_ONLY_NOTE]));
  for (const sub of SECTION2_LAYOUTS[table.format]) {
    lines.push(line([sub.label]), line(['row_id', SECTION2_CONTENT_HEADER, ...sub.columns.map((c) => c.label)]));
    for (const row of sub.rows) {
      lines.push(
        line([
          row.id,
          row.label,
          ...sub.columns.map((c) => {
            const value = section2Number(table.section2, sub.id, row.id, c.id);
            const unit = c.unitKey ? section2Text(table.section2, sub.id, row.id, c.unitKey) : null;
            return value === null ? null : unit ? `${value}${unit}` : value;
          }),
        ]),
      );
    }
  }
  return lines;
}

/**
 * The CSV text, starting with the BOM; encode as UTF-8 (e.g. `new TextEncoder().encode(csv)`). `provenance`
 * states what the file is (every export from the app passes it).
 */
export function toCsv(table: ImportedAnnualTable, provenance?: ExportProvenance): string {
  const lines: string[] = [
    ...(provenance ? [...provenanceFields(provenance).map((f) => line(f)), ''] : []),
    ...section2Lines(table, provenance),
    '',
    line([reportSectionLabel('applications')]),
    line([SECTION3_NOTE]),
    line(['row_id', '代码', '分组', '项目', ...SECTION3_COLUMNS.map((c) => c.label)]),
    ...section3Rows(table.format).map((row) =>
      line([
        row.id,
        row.code,
        row.groups.map((g) => SECTION3_GROUPS[g].label).join('／'),
        row.label,
        ...SECTION3_COLUMNS.map((c) => table.section3[row.id]?.[c.id] ?? null),
      ]),
    ),
    '',
    line([reportSectionLabel('appeals')]),
    line(['block_id', '项目', ...SECTION4_COLUMN_IDS.map((c) => SECTION4_COLUMN_LABELS[c])]),
    ...SECTION4_BLOCKS.map((block) =>
      line([
        block.id,
        section4BlockName(block),
        ...SECTION4_COLUMN_IDS.map((c) => table.section4[block.id]?.[c] ?? null),
      ]),
    ),
  ];
  return CSV_BOM + lines.join(EOL) + EOL;
}

/** The CSV as UTF-8 bytes (with the BOM). */
export function toCsvBytes(table: ImportedAnnualTable, provenance?: ExportProvenance): Uint8Array {
  return new TextEncoder().encode(toCsv(table, provenance));
}
