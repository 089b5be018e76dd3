/**
 * Catalogue keys of the translations of the official table labels (pure). The official Chinese labels come
 * from lib/statistics/layouts.ts and are always shown exactly; the English UI shows a translation under
 * them, looked up with these keys in lib/i18n/messages/report.ts (`report.labels.*`). The zh-CN side of
 * that catalogue is generated from the same layouts (`officialLabelTree`), so the keys cannot drift.
 */
import {
  ALL_SECTION3_ROW_IDS,
  REPORT_FORMATS,
  REPORT_SECTIONS,
  SECTION2_CONTENT_HEADER,
  SECTION2_LAYOUTS,
  SECTION3_COLUMNS,
  SECTION3_COLUMN_GROUPS,
  SECTION3_GROUPS,
  SECTION3_NOTE,
  SECTION3_ROWS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_IDS,
  SECTION4_COLUMN_LABELS,
  type ReportFormat,
  type Section3RowId,
} from '@/lib/statistics/layouts';

type Tree = { [key: string]: string | Tree };

const section3RowLabel = (id: Section3RowId): string => {
  for (const format of REPORT_FORMATS) {
    const row = SECTION3_ROWS[format].find((r) => r.id === id);
    if (row) return row.label;
  }
  return id;
};

/** The label keys' tree with the official Chinese labels as values: the zh-CN side of `report.labels`. */
export function officialLabelTree(): Tree {
  const section2: Tree = {};
  for (const format of REPORT_FORMATS) {
    const tables: Tree = {};
    for (const t of SECTION2_LAYOUTS[format]) {
      tables[t.id] = {
        title: t.label,
        rows: Object.fromEntries(t.rows.map((r) => [r.id, r.label])),
        columns: Object.fromEntries(t.columns.map((c) => [c.id, c.label])),
      };
    }
    section2[`f${format}`] = tables;
  }
  return {
    sections: Object.fromEntries(REPORT_SECTIONS.map((s) => [s.id, s.label])),
    note: SECTION3_NOTE,
    columnGroups: Object.fromEntries(SECTION3_COLUMN_GROUPS.map((g) => [g.id, g.label])),
    columns: Object.fromEntries(SECTION3_COLUMNS.map((c) => [c.id, c.label])),
    groups: Object.fromEntries(Object.values(SECTION3_GROUPS).map((g) => [g.id, g.label])),
    rows: Object.fromEntries(ALL_SECTION3_ROW_IDS.map((id) => [id, section3RowLabel(id)])),
    section4: {
      level1: { administrative_review: '行政复议', litigation: '行政诉讼' },
      level2: Object.fromEntries(SECTION4_BLOCKS.filter((b) => b.level2 !== null).map((b) => [b.id, b.level2 as string])),
      columns: Object.fromEntries(SECTION4_COLUMN_IDS.map((c) => [c, SECTION4_COLUMN_LABELS[c]])),
    },
    section2: { contentHeader: SECTION2_CONTENT_HEADER, ...section2 },
  };
}

/** Official text → `report.labels.…` key, for the cells of one section's grid (texts repeat across sections). */
export function labelKeysFor(section: 'section2' | 'section3' | 'section4', format: ReportFormat): Map<string, string> {
  const map = new Map<string, string>();
  const k = (path: string) => `report.labels.${path}`;
  if (section === 'section3') {
    map.set(SECTION3_NOTE, k('note'));
    for (const g of SECTION3_COLUMN_GROUPS) map.set(g.label, k(`columnGroups.${g.id}`));
    for (const c of SECTION3_COLUMNS) map.set(c.label, k(`columns.${c.id}`));
    for (const g of Object.values(SECTION3_GROUPS)) map.set(g.label, k(`groups.${g.id}`));
    for (const r of SECTION3_ROWS[format]) map.set(r.label, k(`rows.${r.id}`));
  } else if (section === 'section4') {
    map.set('行政复议', k('section4.level1.administrative_review'));
    map.set('行政诉讼', k('section4.level1.litigation'));
    for (const b of SECTION4_BLOCKS) if (b.level2) map.set(b.level2, k(`section4.level2.${b.id}`));
    for (const c of SECTION4_COLUMN_IDS) map.set(SECTION4_COLUMN_LABELS[c], k(`section4.columns.${c}`));
  } else {
    map.set(SECTION2_CONTENT_HEADER, k('section2.contentHeader'));
    for (const t of SECTION2_LAYOUTS[format]) {
      map.set(t.label, k(`section2.f${format}.${t.id}.title`));
      for (const r of t.rows) map.set(r.label, k(`section2.f${format}.${t.id}.rows.${r.id}`));
      for (const c of t.columns) map.set(c.label, k(`section2.f${format}.${t.id}.columns.${c.id}`));
    }
  }
  return map;
}

/** The official name of a cell a check names: 「一、本年新收… × 自然人」, 「行政复议 × 结果维持」, … */
export function cellName(cell: { section: string; row: string; column: string }, format: ReportFormat): string {
  if (cell.section === 'section3') {
    const row = SECTION3_ROWS[format].find((r) => r.id === cell.row)?.label ?? section3RowLabel(cell.row as Section3RowId);
    const column = SECTION3_COLUMNS.find((c) => c.id === cell.column)?.label ?? cell.column;
    return `${row} × ${column}`;
  }
  if (cell.section === 'section4') {
    const block = SECTION4_BLOCKS.find((b) => b.id === cell.row);
    const name = block ? (block.level2 ? `${block.level1}／${block.level2}` : block.level1) : cell.row;
    const column = (SECTION4_COLUMN_LABELS as Record<string, string>)[cell.column] ?? cell.column;
    return `${name} × ${column}`;
  }
  const [subTable, row] = cell.row.split('.');
  for (const f of [format, ...REPORT_FORMATS.filter((x) => x !== format)]) {
    const layout = SECTION2_LAYOUTS[f].find((t) => t.id === subTable);
    const rowLayout = layout?.rows.find((r) => r.id === row);
    const column = layout?.columns.find((c) => c.id === cell.column);
    if (layout && rowLayout) return `${layout.label} ${rowLayout.label} × ${column?.label ?? cell.column}`;
  }
  return `${cell.row} × ${cell.column}`;
}

/**
 * Check message params with ids replaced by official labels (column → 自然人, row → its label, block →
 * 行政诉讼／复议后起诉, section → the section heading), so the message names the cells as the table does.
 */
export function labelledParams(params: Readonly<Record<string, string | number>>, format: ReportFormat): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  const { column, row, block, section } = params;
  if (typeof column === 'string') out.column = SECTION3_COLUMNS.find((c) => c.id === column)?.label ?? column;
  if (typeof row === 'string') {
    const s3 = SECTION3_ROWS[format].find((r) => r.id === row) ?? SECTION3_ROWS['2021'].find((r) => r.id === row);
    if (s3) out.row = s3.label;
    else {
      const [subTable, rowId] = row.includes('.') ? row.split('.') : [null, row];
      const layout = SECTION2_LAYOUTS[format].find((t) => (subTable ? t.id === subTable : t.rows.some((r) => r.id === rowId)));
      const rowLayout = layout?.rows.find((r) => r.id === rowId);
      if (layout && rowLayout) out.row = `${layout.label} ${rowLayout.label}`;
    }
  }
  if (typeof block === 'string') {
    const b = SECTION4_BLOCKS.find((x) => x.id === block);
    if (b) out.block = b.level2 ? `${b.level1}／${b.level2}` : b.level1;
  }
  if (typeof section === 'string') {
    const id = section === 'section2' ? 'proactive' : section === 'section3' ? 'applications' : section === 'section4' ? 'appeals' : null;
    const s = REPORT_SECTIONS.find((x) => x.id === id);
    if (s) out.section = s.label;
  }
  return out;
}
