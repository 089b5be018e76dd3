/**
 * The PDF as a reader sees it: text extracted with pdftotext (poppler-utils), fonts with pdffonts, pages
 * with pdfinfo. Requires poppler-utils and the document fonts (.ci/run installs both).
 */
import { describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { pdfFonts, pdfInfo, pdfPages, withPdfFile } from '@/lib/documents/pdf-text';
import { checkFonts, MissingFontError } from '@/lib/documents/fonts';
import { DRAFT_WATERMARK, pngSize, renderPdf, type PdfDocumentInput } from '@/lib/documents/render-pdf';
import { checkSealPng, demoSealPng, encodePng } from '@/lib/documents/seal';

// The first render parses the CJK fonts (several seconds on a loaded machine).
vi.setConfig({ testTimeout: 60_000 });

const flat = (s: string) => s.replace(/\s+/g, '');

const BASE: PdfDocumentInput = {
  title: '政府信息公开申请答复书',
  docNumber: '示范政信答〔2026〕9号',
  body: ['李明：', '　　本机关于2026年11月2日收到您提出的政府信息公开申请，您申请获取的政府信息为：“老旧小区改造资金明细😀及𠀾字相关材料”。', '　　特此告知。'].join('\n'),
  orgName: '示范市人民政府办公室',
  dateText: '2026年12月5日',
  attachments: ['资金明细表.xlsx'],
};

describe('letter PDF', () => {
  it('has the title, number, every character, attachments, signature and page number, all fonts embedded', async () => {
    const pdf = await renderPdf(BASE);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(pdfInfo(pdf)).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = flat(pages[0]);
    for (const s of ['政府信息公开申请答复书', '示范政信答〔2026〕9号', '李明：', '😀', '𠀾', '附件：资金明细表', '示范市人民政府办公室', '2026年12月5日']) {
      expect(text).toContain(s);
    }
    expect(pages[0]).toMatch(/—\s*1\s*—/);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    const names = fonts.map((f) => f.name).join(' ');
    expect(names).toContain('FandolFang');
    expect(names).toContain('NotoSerifCJKsc-Bold');
    expect(names).toContain('Symbola');
  });

  it('is byte-identical for the same input (fixed creation date and file ID)', async () => {
    const [a, b] = await Promise.all([renderPdf(BASE), renderPdf(BASE)]);
    expect(a.equals(b)).toBe(true);
    const c = await renderPdf({ ...BASE, dateText: '2026年12月6日' });
    expect(a.equals(c)).toBe(false);
  });

  it('keeps the signature block on the last page with text, and numbers every page', async () => {
    const paragraph = '　　经检索，本机关保存有申请所涉的会议纪要、资金拨付文件和验收材料，现将可以公开的部分提供给您，其余部分依法不予公开。';
    for (const n of [11, 12, 13, 14, 30]) {
      const pdf = await renderPdf({ ...BASE, body: ['李明：', ...Array.from({ length: n }, () => paragraph)].join('\n') });
      const pages = pdfPages(pdf);
      const last = pages[pages.length - 1];
      expect(flat(last)).toContain('示范市人民政府办公室2026年12月5日');
      expect(flat(last)).toContain('其余部分依法不予公开');
      pages.forEach((p, i) => expect(p).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
    }
  });

  it('watermarks drafts with 样稿 on every page', async () => {
    const body = ['李明：', ...Array.from({ length: 30 }, () => '　　正文内容正文内容正文内容正文内容正文内容正文内容正文内容。')].join('\n');
    const pages = pdfPages(await renderPdf({ ...BASE, body, watermark: DRAFT_WATERMARK }));
    expect(pages.length).toBeGreaterThan(1);
    // The rotated watermark's characters come out of pdftotext among the lines of text.
    for (const p of pages) expect([...flat(p)].filter((c) => c === '样' || c === '稿').sort().join('')).toBe('样稿');
    expect(flat(pdfPages(await renderPdf(BASE))[0])).not.toMatch(/[样稿]/);
  });

  it('places the seal image over the signature block of an issued letter', async () => {
    const seal = demoSealPng(300);
    expect(checkSealPng(seal)).toBeNull();
    expect(pngSize(seal)).toEqual({ width: 300, height: 300 });
    const pdf = await renderPdf({ ...BASE, seal });
    const plain = await renderPdf(BASE);
    expect(pdf.length).toBeGreaterThan(plain.length);
    const images = withPdfFile(pdf, (f) => execFileSync('pdfimages', ['-list', f], { encoding: 'utf8' }));
    expect(images).toMatch(/\n\s*1\s+\d+\s+image\s+300\s+300/);
  });

  it('rejects seal uploads that are not transparent PNGs of sensible size', () => {
    expect(checkSealPng(Buffer.from('GIF89a not a png at all, padding padding'))).toBe('not_png');
    expect(checkSealPng(Buffer.alloc(600 * 1024))).toBe('too_large');
    const opaque = demoSealPng(120);
    opaque[25] = 2; // colour type RGB, no alpha; the CRC no longer matches either
    expect(checkSealPng(opaque)).toBe('corrupt');
    expect(checkSealPng(encodePng(50, 50, new Uint8Array(50 * 50 * 4)))).toBe('dimensions');
    expect(checkSealPng(demoSealPng(120).subarray(0, 60))).toBe('corrupt');
  });

  it('names the Debian package when a font is missing', () => {
    const saved = process.env.GONGKAI_FONT_DIR;
    expect(Object.keys(checkFonts())).toHaveLength(10);
    const err = new MissingFontError('fang', ['/nowhere/FandolFang-Regular.otf']);
    expect(err.message).toContain('texlive-lang-chinese');
    expect(err.message).toContain('/nowhere/FandolFang-Regular.otf');
    process.env.GONGKAI_FONT_DIR = saved;
  });
});
