/**
 * The DOCX twin of a letter: page set-up, grid, faces named, title/number/body/signature and the page-number
 * field, odd/even footers, the seal as a floating image, and the 样稿 mark on drafts.
 */
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { DOCX_FONTS, renderDocx } from '@/lib/documents/render-docx';
import type { PdfDocumentInput } from '@/lib/documents/render-pdf';
import { demoSealPng } from '@/lib/documents/seal';

vi.setConfig({ testTimeout: 60_000 });

const INPUT: PdfDocumentInput = {
  letterhead: '示范市人民政府办公室',
  title: '政府信息公开申请答复书',
  docNumber: '示范政信答〔2026〕9号',
  body: ['李明：', '　　一、总体情况。本机关收到您的申请😀𠀾。', '　　（一）具体事项。正文。', '　　特此告知。'].join('\n'),
  orgName: '示范市人民政府办公室',
  dateText: '2026年12月5日',
  attachments: ['资金明细表.xlsx', '验收报告.pdf'],
};

async function parts(data: Buffer) {
  const zip = await JSZip.loadAsync(data);
  const read = (name: string) => zip.file(name)!.async('string');
  const names = Object.keys(zip.files);
  return { names, document: await read('word/document.xml'), settings: await read('word/settings.xml'), footers: await Promise.all(names.filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(read)), zip };
}

describe('letter DOCX', () => {
  it('sets A4, the GB/T 9704 margins and a 22-line grid, and names the official faces', async () => {
    const { document, settings, footers } = await parts(await renderDocx(INPUT));
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toMatch(/w:top="2098"/);
    expect(document).toMatch(/w:left="1587"|w:left="1588"/);
    expect(document).toMatch(/<w:docGrid [^>]*w:linePitch="580"|<w:docGrid [^>]*w:linePitch="579"/);
    expect(document).toMatch(/w:line="5(79|80)" w:lineRule="exact"/);
    for (const f of [DOCX_FONTS.title, DOCX_FONTS.body, DOCX_FONTS.hei, DOCX_FONTS.kai]) expect(document).toContain(`w:eastAsia="${f}"`);
    for (const s of ['政府信息公开申请答复书', '示范政信答〔2026〕9号', '李明：', '😀𠀾', '附件：1. 资金明细表', '2. 验收报告', '2026年12月5日']) expect(document).toContain(s);
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('PAGE');
      expect(f).toContain('— ');
    }
    expect(footers.some((f) => f.includes('w:val="right"'))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"'))).toBe(true);
    // The last paragraph is kept with the signature block.
    expect(document).toContain('<w:keepNext/>');
  });

  it('floats the seal over the signature of an issued letter, and marks drafts 样稿', async () => {
    const sealed = await parts(await renderDocx({ ...INPUT, seal: demoSealPng(200) }));
    expect(sealed.names.some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    expect(sealed.document).toContain('<wp:anchor');
    const draft = await parts(await renderDocx({ ...INPUT, watermark: '样稿', docNumber: null, dateText: '（未签发）' }));
    expect(draft.names.some((n) => n.startsWith('word/media/'))).toBe(false);
    const headers = await Promise.all(draft.names.filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => draft.zip.file(n)!.async('string')));
    expect(headers.some((h) => h.includes('样稿'))).toBe(true);
    expect(draft.document).not.toContain('示范政信答');
  });
});
