import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfInfo, pdfPages, pdfYellowPixels } from '@/lib/documents/pdf-text';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import { fullReportDocx, type FullReportContent } from '@/lib/reports/full-report-docx';
import { fullReportPdf, layoutFullReport } from '@/lib/reports/full-report-pdf';
import { resolveFieldValues } from '@/lib/reports/report-fields';
import { draftSections, resolveSections, titleLines } from '@/lib/reports/report-text-model';

function content(overrides: Partial<Record<'overview' | 'problems', string>> = {}): FullReportContent {
  const table = pingduTable();
  const sections = { ...draftSections('2019', { hasComparableBase: false }), ...overrides };
  return { orgName: '平度市人民政府', year: 2020, titleLines: titleLines('平度市人民政府', 2020), parts: resolveSections(sections, resolveFieldValues({ table })), table };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const textOf = (xml: string): string =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1].replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '')).join('');

describe('full report DOCX', { timeout: 60_000 }, () => {
  let xml: string;
  let zip: JSZip;
  beforeAll(async () => {
    zip = await JSZip.loadAsync(await fullReportDocx(content()));
    xml = await zip.file('word/document.xml')!.async('string');
  }, 30_000);

  it('breaks the title between words, never inside 年度', () => {
    const title = /<w:p>[\s\S]*?<\/w:p>/.exec(xml)![0];
    const runs = [...title.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(runs).toEqual(['平度市人民政府', '2020年政府信息公开工作年度报告']);
    expect(title).toContain('<w:br/>');
    expect(title).toContain('<w:keepNext/>');
  });

  it('has the six section headings, each keeping with what follows and unsplit', () => {
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    expect(headings.map(textOf)).toEqual(['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
    for (const h of headings) {
      expect(h).toContain('<w:keepNext/>');
      expect(h).toContain('<w:keepLines/>');
    }
  });

  it('has the three tables with repeated heading rows that keep with the next row', () => {
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables).toHaveLength(3);
    // Section 三: the three heading rows repeat (tblHeader) and no row splits (cantSplit).
    const s3rows = [...tables[1].matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(s3rows.slice(0, 3).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    expect(s3rows[3]).not.toContain('<w:tblHeader/>');
    expect(s3rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(s3rows[2]).toContain('<w:keepNext/>');
    expect(textOf(tables[1])).toContain('本年新收政府信息公开申请数量');
    // Section 二: each sub-table's 第二十条… and 信息内容 rows keep with the row below, data rows do not.
    const s2rows = [...tables[0].matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(textOf(s2rows[0])).toBe('第二十条第（一）项');
    expect(s2rows[0]).toContain('<w:keepNext/>');
    expect(textOf(s2rows[1])).toMatch(/^信息内容/);
    expect(s2rows[1]).toContain('<w:keepNext/>');
    expect(s2rows[2]).not.toContain('<w:keepNext/>');
  });

  it('prints figures from the fields and 【待填写…】 for unentered parts', () => {
    const all = textOf(xml);
    expect(all).toContain('2020年，共收到政府信息公开申请529件（包括上年结转1件）。其中，予以公开的258件，占总数的48.8%');
    expect(all).toContain('【待填写：本年度政府信息公开工作的总体情况】');
    expect(all).toContain('【待填写：发布日期】');
    expect(all).not.toContain('{{');
  });

  it('numbers pages "— N —" on the right (odd) and left (even)', async () => {
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers.length).toBe(2);
    const texts = await Promise.all(footers.map(async (f) => zip.file(f)!.async('string')));
    for (const t of texts) {
      expect(t).toContain('PAGE');
      expect(t).toContain('— ');
    }
    expect(xml).toMatch(/<w:footerReference w:type="even"/);
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:evenAndOddHeaders/>');
  });
});

describe('full report PDF', { timeout: 60_000 }, () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await fullReportPdf(content());
  }, 30_000);

  it('opens, is A4 and embeds its fonts', () => {
    const info = pdfInfo(pdf);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
    expect(info).toMatch(/Title:\s+平度市人民政府2020年政府信息公开工作年度报告/);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(2);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('has the title on two lines broken after 人民政府, the headings, the tables and page numbers', () => {
    const pages = pdfPages(pdf, { raw: true });
    const lines = pages[0].split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('平度市人民政府');
    expect(lines[1]).toBe('2020年政府信息公开工作年度报告');
    const all = pages.join('\n');
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '六、其他需要报告的事项']) expect(all).toContain(h);
    expect(all).toContain('本年新收政府信息公开申请数量');
    expect(all).toContain('【待填写：发布日期】');
    pages.forEach((p, i) => expect(p).toContain(`— ${i + 1} —`));
  });

  it('never leaves a heading alone at a page foot, and repeats table heading rows', () => {
    // A longer or shorter section 一 moves every later break: whatever the break, no page ends with a heading.
    let splitTables = 0;
    for (let paragraphs = 1; paragraphs <= 24; paragraphs += 2) {
      const overview = Array.from({ length: paragraphs }, (_, i) => `第${i + 1}段。${'政务公开工作不断加强，'.repeat(5)}`).join('\n');
      const pages = layoutFullReport(content({ overview }));
      for (const page of pages) {
        const lowest = page.texts.reduce((a, b) => (b.baseline > a.baseline ? b : a));
        const isHeading = lowest.glyphs[0]?.size === 16 && (lowest.glyphs[0].face === 'hei' || lowest.glyphs[0].face === 'kai');
        expect(isHeading, `page ends with a heading: ${lowest.glyphs.map((g) => g.text).join('')}`).toBe(false);
      }
      const texts = pages.map((p) => p.texts.map((t) => t.glyphs.map((g) => g.text).join('')).join('|'));
      const start = texts.findIndex((t) => t.includes('一、本年新收政府信息公开申请数量'));
      const end = texts.findIndex((t) => t.includes('四、结转下年度继续办理'));
      if (end > start) {
        splitTables += 1;
        // The page where section 三 continues starts with its heading rows again.
        expect(texts[end]).toContain('申请人情况');
        expect(texts[end]).toContain('法人或其他组织');
      }
    }
    expect(splitTables).toBeGreaterThan(0);
  }, 60_000);

  it('highlights exactly the 【待填写…】 text, in paragraphs and table cells, as the DOCX does', async () => {
    const pages = layoutFullReport(content({ problems: '一是【待填写：问题】；二是{{不存在的字段}}。' }));
    const glyphs = pages.flatMap((p) => p.texts.flatMap((t) => t.glyphs));
    const marked = glyphs.filter((g) => g.mark).map((g) => g.text).join('');
    const unmarked = glyphs.filter((g) => !g.mark).map((g) => g.text).join('');
    // Every marked run belongs to a placeholder (a placeholder may break across lines), and none is left unmarked.
    expect(marked).toContain('【待填写：问题】');
    expect(marked).toContain('【待填写：发布日期】');
    expect(marked).toContain('【待填写');
    expect(marked.replace(/【待填写[^】]*】/g, '')).toBe('');
    expect(unmarked).not.toMatch(/【待填写/);
    // Drawn: a page has a yellow highlight exactly when it prints a placeholder (both kinds occur).
    const rendered = await fullReportPdf(content());
    const texts = pdfPages(rendered);
    const highlighted = texts.map((_, i) => pdfYellowPixels(rendered, i + 1) > 20);
    expect(highlighted).toEqual(texts.map((t) => /【待填写|待填写】/.test(t)));
    expect(highlighted).toContain(true);
    expect(highlighted).toContain(false);
  });
});
