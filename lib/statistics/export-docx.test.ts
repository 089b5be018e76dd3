import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { deriveAnnualTable } from '@/lib/statistics/derive-annual-table';
import { toDocx } from '@/lib/statistics/export-docx';
import { PINGDU_2020_COUNTS } from '@/lib/statistics/fixtures/pingdu-2020-counts';
import { pingduTable, withSection3Cell } from '@/lib/statistics/fixtures/tables';
import { REPORT_SECTIONS } from '@/lib/statistics/layouts';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid, type Grid } from '@/lib/statistics/table-grid';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string): string => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');
const textOf = (xml: string): string =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join('');

async function documentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml');
  return xml;
}

/** Body paragraphs (outside tables), as text. */
function paragraphs(xml: string): string[] {
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return [...body.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => textOf(m[1]));
}

interface Anchor {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/** Rebuilds the merged-cell grid of a w:tbl from its gridSpan / vMerge markup. */
function tableAnchors(tableXml: string): Anchor[] {
  const anchors: Anchor[] = [];
  const rows = [...tableXml.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
  rows.forEach((rowXml, r) => {
    let col = 0;
    for (const cell of rowXml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
      const xml = cell[1];
      const colSpan = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(xml)?.[1] ?? '1');
      const vMerge = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(xml);
      const isContinue = vMerge !== null && vMerge[1] !== 'restart';
      if (isContinue) {
        const above = anchors.find((a) => a.col === col && a.row + a.rowSpan === r);
        if (!above) throw new Error(`vMerge continue without a cell above at ${r},${col}`);
        above.rowSpan += 1;
      } else {
        anchors.push({ row: r, col, rowSpan: 1, colSpan, text: textOf(xml) });
      }
      col += colSpan;
    }
  });
  return anchors;
}

const gridAnchors = (grid: Grid): Anchor[] =>
  grid.cells.map((c) => ({
    row: c.row,
    col: c.col,
    rowSpan: c.rowSpan,
    colSpan: c.colSpan,
    text: c.role === 'value' && c.value !== null && c.unit ? `${c.text}${c.unit}` : c.text,
  }));

const sortAnchors = (list: Anchor[]): Anchor[] => [...list].sort((a, b) => a.row - b.row || a.col - b.col);

/** A previous year that fits the seed's year-on-year figures (its 2019 report is not available). */
function lastYear(): ImportedAnnualTable {
  let table = withSection3Cell(pingduTable(), 'new_received', 'total', 610);
  table = withSection3Cell(table, 'carried_over', 'total', 0);
  const section4 = {
    ...table.section4,
    administrative_review: { ...table.section4.administrative_review, total: 53 },
    litigation_direct: { ...table.section4.litigation_direct, total: 32 },
  };
  return { ...table, year: 2019, section4 };
}

describe('toDocx (平度 2020, 2019 format)', () => {
  const table = pingduTable();
  let xml: string;
  let text: string[];

  beforeAll(async () => {
    const bytes = await toDocx(table, { orgName: '平度市人民政府', previous: lastYear() });
    xml = await documentXml(bytes);
    text = paragraphs(xml);
  });

  it('has the title and a preamble citing 60号', () => {
    expect(text[0]).toBe('平度市人民政府2020年政府信息公开工作年度报告');
    expect(text[1]).toContain(
      '根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求',
    );
    expect(text[1]).toContain('本报告所列数据统计期限自2020年1月1日起至12月31日止。');
  });

  it('has the six section headings exactly, in order, as Heading 1', () => {
    const headings: readonly string[] = REPORT_SECTIONS.map((s) => s.label);
    expect(text.filter((p) => headings.includes(p))).toEqual(headings);
    expect((xml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBe(6);
  });

  it('quotes the computed figures in the seed’s wording, with the year-on-year change', () => {
    expect(text).toContain(
      '2020年，共收到政府信息公开申请529件（包括上年结转1件），同比下降13.3%。其中，予以公开的258件，占总数的48.8%；' +
        '部分公开41件，占总数的7.8%；不予公开31件，占总数的5.9%；无法提供的166件，占总数的31.4%；' +
        '不予处理的21件，占总数的4.0%；其他处理2件，占总数的0.4%；转下一年办理的10件，占总数的1.9%。',
    );
    expect(text).toContain(
      '因政府信息公开引发的行政复议案件共9件，同比下降83.0%，其中维持具体行政行为7件，被依法纠错2件；' +
        '因政府信息公开引发行政诉讼3件，同比下降90.6%。其中，维持具体行政行为或者驳回原告诉讼请求的3件。',
    );
  });

  it('marks the narrative parts as highlighted placeholders', () => {
    const placeholders = text.filter((p) => p.includes('【待填写：'));
    expect(placeholders.length).toBeGreaterThanOrEqual(9);
    expect(text).toContain('【待填写：存在的主要问题】');
    expect(xml).toContain('<w:highlight w:val="yellow"/>');
    expect(text.some((p) => p.includes('信息处理费'))).toBe(false); // 2021 format only
  });

  it('draws the three tables with exactly the merges of the official layout', () => {
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables).toHaveLength(3);
    const grids = [buildSection2Grid(table), buildSection3Grid(table), buildSection4Grid(table)];
    tables.forEach((tableXml, index) => {
      expect(sortAnchors(tableAnchors(tableXml))).toEqual(sortAnchors(gridAnchors(grids[index])));
    });
    const section3 = tableAnchors(tables[1]);
    expect(section3).toContainEqual({
      row: 0,
      col: 0,
      rowSpan: 3,
      colSpan: 3,
      text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    });
    expect(section3).toContainEqual({ row: 5, col: 0, rowSpan: 20, colSpan: 1, text: '三、本年度办理结果' });
    expect(section3).toContainEqual({ row: 24, col: 3, rowSpan: 1, colSpan: 1, text: '491' });
    expect(textOf(tables[0])).toContain('2804.979705万元');
  });
});

describe('toDocx (2021 format)', () => {
  it('cites 30号, asks for the fee statement and draws （六） as a group', async () => {
    const table = deriveAnnualTable(PINGDU_2020_COUNTS, { year: 2021, org: 'x' });
    const xml = await documentXml(await toDocx(table, { orgName: '示范市人民政府' }));
    const text = paragraphs(xml);
    expect(text[0]).toBe('示范市人民政府2021年政府信息公开工作年度报告');
    expect(text[1]).toContain(
      '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）',
    );
    expect(text.some((p) => p.includes('信息处理费收取情况'))).toBe(true);
    expect(text.some((p) => p.startsWith('2021年，共收到政府信息公开申请529件（包括上年结转1件）。其中'))).toBe(true);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tableAnchors(tables[1])).toContainEqual({ row: 23, col: 1, rowSpan: 3, colSpan: 1, text: '（六）其他处理' });
    expect(sortAnchors(tableAnchors(tables[0]))).toEqual(sortAnchors(gridAnchors(buildSection2Grid(table))));
  });

  it('states the fees of the year in section 六 when they are given (国办函〔2020〕109号)', async () => {
    const table = deriveAnnualTable(PINGDU_2020_COUNTS, { year: 2021, org: 'x' });
    const fees = { year: 2021, issuedCount: 2, issuedAmountYuan: '300.00', collectedCount: 1, collectedAmountYuan: '100.00' };
    const text = paragraphs(await documentXml(await toDocx(table, { orgName: '示范市人民政府', fees })));
    const six = text.findIndex((p) => p === '六、其他需要报告的事项');
    expect(six).toBeGreaterThan(0);
    expect(text[six + 1]).toBe('本年度共发出信息处理费收费通知2件，金额共计300元；收取信息处理费1件，共计100元。');
    expect(text.some((p) => p.includes('信息处理费收取情况'))).toBe(false);
    const none = paragraphs(
      await documentXml(await toDocx(table, { orgName: '示范市人民政府', fees: { ...fees, issuedCount: 0, issuedAmountYuan: '0.00', collectedCount: 0, collectedAmountYuan: '0.00' } })),
    );
    expect(none).toContain('本年度未收取信息处理费。');
  });
});
