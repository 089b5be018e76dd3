/**
 * GB/T 9704-2012 layout points (gbt9704-layout.md) checked on the computed layout: grid, line breaking,
 * signature block kept with the text, page numbers, fallback faces and visible replacements.
 */
import { describe, expect, it, vi } from 'vitest';
import { faceFor, replacementFor } from '@/lib/documents/fonts';
import {
  attachmentTitle,
  capacity,
  CELL,
  LINES_PER_PAGE,
  layoutLetter,
  lineText,
  MIN_PITCH,
  MM,
  PITCH,
  shape,
  TYPE_AREA,
  type LaidOutPage,
  type LetterLayoutInput,
} from '@/lib/documents/layout';

// The first layouts parse the CJK fonts, and the keep-together sweep lays out 140 letters: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const RIGHT = TYPE_AREA.left + TYPE_AREA.width;

function letter(body: string, extra: Partial<LetterLayoutInput> = {}): LetterLayoutInput {
  return { title: '政府信息公开申请答复书', docNumber: '示范政信答〔2026〕9号', body, orgName: '示范市人民政府办公室', dateText: '2026年12月5日', ...extra };
}

function textLines(pages: LaidOutPage[]) {
  return pages.flatMap((p) => p.lines.filter((l) => l.kind === 'text'));
}

const HAN = '政府信息公开申请办理答复事项说明';

describe('page and grid (5.1, 5.2)', () => {
  it('uses A4 with the standard type area and a 22 × 28 grid', () => {
    expect(TYPE_AREA.left / MM).toBeCloseTo(28, 5);
    expect(TYPE_AREA.top / MM).toBeCloseTo(37, 5);
    expect(TYPE_AREA.width / MM).toBeCloseTo(156, 5);
    expect(TYPE_AREA.height / MM).toBeCloseTo(225, 5);
    expect(capacity(PITCH)).toBe(LINES_PER_PAGE);
    expect(CELL * 28).toBeCloseTo(TYPE_AREA.width, 5);
  });

  it('sets 28 full-width characters a line, flush with both edges of the type area', () => {
    const pages = layoutLetter(letter(HAN.repeat(8)));
    const lines = textLines(pages);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(0, -1)) {
      expect([...lineText(line)]).toHaveLength(28);
      expect(line.glyphs[0].x).toBeCloseTo(TYPE_AREA.left, 3);
      const last = line.glyphs[line.glyphs.length - 1];
      expect(last.x + last.width).toBeCloseTo(RIGHT, 3);
    }
  });

  it('puts 22 lines on a full page at the standard pitch, indents paragraphs two characters', () => {
    const body = Array.from({ length: 40 }, () => `　　${HAN}。`).join('\n');
    const pages = layoutLetter(letter(body));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0].lines).toHaveLength(22);
    expect(pages[0].pitch).toBeCloseTo(PITCH, 5);
    const first = textLines(pages)[0];
    expect(first.glyphs[0].x).toBeCloseTo(TYPE_AREA.left + 2 * CELL, 3);
    // Consecutive baselines one pitch apart.
    expect(pages[0].lines[1].baseline - pages[0].lines[0].baseline).toBeCloseTo(PITCH, 5);
  });
});

describe('line breaking', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // 27 characters then "。": the stop cannot start the next line.
    const pages = layoutLetter(letter(`${'一'.repeat(28)}。（${'二'.repeat(26)}）${'三'.repeat(30)}`));
    for (const line of textLines(pages)) {
      const text = lineText(line);
      expect('，。、；：？！）》」』”').not.toContain(text[0]);
      expect('（《「『“').not.toContain(text[text.length - 1]);
    }
  });

  it('keeps a Latin word or number whole when it fits on a line', () => {
    const pages = layoutLetter(letter(`${'字'.repeat(25)}GK-2026-000123号`));
    const texts = textLines(pages).map(lineText);
    expect(texts.some((t) => t.includes('GK-2026-000123'))).toBe(true);
  });
});

describe('title, number, headings (7.3.1–7.3.3)', () => {
  it('centres the title in the title face and puts the document number under it', () => {
    const [page] = layoutLetter(letter('张三：\n　　正文。'));
    const title = page.lines[0];
    expect(title.kind).toBe('title');
    expect(title.glyphs[0].face).toBe('title');
    expect(title.glyphs[0].size).toBe(22);
    const start = title.glyphs[0].x;
    const end = title.glyphs[title.glyphs.length - 1].x + title.glyphs[title.glyphs.length - 1].width;
    expect((start + end) / 2).toBeCloseTo(TYPE_AREA.left + TYPE_AREA.width / 2, 3);
    expect(page.lines[1].kind).toBe('number');
    expect(lineText(page.lines[1])).toBe('示范政信答〔2026〕9号');
    expect(page.lines[2].kind).toBe('blank');
    expect(lineText(page.lines[3])).toBe('张三：');
    expect(page.lines[3].glyphs[0].x).toBeCloseTo(TYPE_AREA.left, 3);
    expect(page.lines[3].glyphs[0].face).toBe('fang');
  });

  it('sets "一、" headings in 黑体 and "（一）" headings in 楷体 up to their first stop', () => {
    const [page] = layoutLetter(letter('　　一、总体情况。正文内容。\n　　（一）具体事项。正文内容。'));
    const [h1, h2] = page.lines.filter((l) => l.kind === 'text');
    expect(h1.glyphs[0].face).toBe('hei');
    expect(h1.glyphs.find((g) => g.text.includes('正文'))?.face).toBe('fang');
    expect(h2.glyphs[0].face).toBe('kai');
    expect(h2.glyphs.find((g) => g.text.includes('正文'))?.face).toBe('fang');
  });
});

describe('attachments (7.3.4)', () => {
  it('lists titles, not file names, numbered under "附件："', () => {
    const [page] = layoutLetter(letter('　　正文。', { attachments: ['资金明细表.xlsx', '招标文件。pdf', '说明.PDF'] }));
    const att = page.lines.filter((l) => l.kind === 'attachment').map(lineText);
    expect(att).toEqual(['附件：1. 资金明细表', '2. 招标文件。pdf', '3. 说明']);
    const lines = page.lines.filter((l) => l.kind === 'attachment');
    expect(lines[0].glyphs[0].x).toBeCloseTo(TYPE_AREA.left + 2 * CELL, 3);
    // "2." aligned under "1."
    expect(lines[1].glyphs[0].x).toBeCloseTo(lines[0].glyphs.find((g) => g.text.startsWith('1'))!.x, 3);
    expect(attachmentTitle('报告。.docx')).toBe('报告');
  });
});

describe('signature block (7.3.5)', () => {
  it('without a seal: signature right-indented two characters, date two characters further right', () => {
    const [page] = layoutLetter(letter('　　正文。', { orgName: '示范市人民政府办公室人民来访接待处', dateText: '2026年12月5日' }));
    const sig = page.lines.find((l) => l.kind === 'signature')!;
    const date = page.lines.find((l) => l.kind === 'date')!;
    const sigEnd = sig.glyphs[sig.glyphs.length - 1];
    expect(sigEnd.x + sigEnd.width).toBeCloseTo(RIGHT - 2 * CELL, 3);
    expect(date.glyphs[0].x).toBeCloseTo(sig.glyphs[0].x + 2 * CELL, 3);
    expect(lineText(date)).toBe('2026年12月5日');
    // One blank line between the text and the signature, the date on the next line.
    const i = page.lines.indexOf(sig);
    expect(page.lines[i - 1].kind).toBe('blank');
    expect(page.lines[i - 2].kind).toBe('text');
    expect(page.lines[i + 1]).toBe(date);
  });

  it('without a seal and a short signature: the date right-indented two characters, the signature two to its left', () => {
    const [page] = layoutLetter(letter('　　正文。', { orgName: '示范局' }));
    const sig = page.lines.find((l) => l.kind === 'signature')!;
    const date = page.lines.find((l) => l.kind === 'date')!;
    const dateEnd = date.glyphs[date.glyphs.length - 1];
    expect(dateEnd.x + dateEnd.width).toBeCloseTo(RIGHT - 2 * CELL, 3);
    expect(sig.glyphs[0].x).toBeCloseTo(date.glyphs[0].x - 2 * CELL, 3);
  });

  it('with a seal: date right-indented four characters, signature centred over it, seal over both', () => {
    const [page] = layoutLetter(letter('　　正文。', { seal: { aspect: 1 } }));
    const sig = page.lines.find((l) => l.kind === 'signature')!;
    const date = page.lines.find((l) => l.kind === 'date')!;
    const end = (l: typeof sig) => l.glyphs[l.glyphs.length - 1].x + l.glyphs[l.glyphs.length - 1].width;
    expect(end(date)).toBeCloseTo(RIGHT - 4 * CELL, 3);
    expect((sig.glyphs[0].x + end(sig)) / 2).toBeCloseTo((date.glyphs[0].x + end(date)) / 2, 3);
    expect(page.seal).toBeDefined();
    const seal = page.seal!;
    // Centred on the date (and so on the signature centred over it).
    expect(seal.x + seal.width / 2).toBeCloseTo((date.glyphs[0].x + end(date)) / 2, 3);
    expect(seal.y).toBeLessThan(sig.baseline);
    expect(seal.y + seal.width).toBeGreaterThan(date.baseline);
    // The seal's top within one line of the text above (7.3.5.2).
    const lastText = page.lines.filter((l) => l.kind === 'text').at(-1)!;
    expect(seal.y - lastText.baseline).toBeLessThan(PITCH * 1.5);
  });

  it('is never alone on a page, whatever the length of the text (7.3.5.5)', () => {
    for (let n = 1; n <= 70; n++) {
      for (const seal of [null, { aspect: 1 }]) {
        const body = ['张三：', ...Array.from({ length: n }, () => `　　${HAN}${HAN.slice(0, 10)}`)].join('\n');
        const pages = layoutLetter(letter(body, { seal }));
        const last = pages[pages.length - 1];
        const kinds = last.lines.map((l) => l.kind);
        expect(kinds.slice(-2)).toEqual(['signature', 'date']);
        expect(kinds).toContain('text');
        expect(last.pitch).toBeGreaterThanOrEqual(MIN_PITCH - 1e-9);
        for (const page of pages) {
          const lastLine = page.lines[page.lines.length - 1];
          expect(lastLine.baseline).toBeLessThanOrEqual(TYPE_AREA.top + TYPE_AREA.height);
          expect(page.lines.length).toBeLessThanOrEqual(capacity(page.pitch));
        }
        // No page but the last is shortened below its 22 lines except where lines moved with the block.
        expect(pages.slice(0, -2).every((p) => p.lines.length === LINES_PER_PAGE)).toBe(true);
      }
    }
  });
});

describe('page numbers (7.5)', () => {
  it('prints "— n —" 7 mm below the type area, odd pages right and even pages left', () => {
    const body = Array.from({ length: 50 }, () => `　　${HAN}${HAN}`).join('\n');
    const pages = layoutLetter(letter(body));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const [p1, p2] = pages;
    expect(p1.pageNumber.glyphs.map((g) => g.text).join('')).toBe('— 1 —');
    expect(p2.pageNumber.glyphs.map((g) => g.text).join('')).toBe('— 2 —');
    const end = p1.pageNumber.glyphs.at(-1)!;
    expect(end.x + end.width).toBeCloseTo(RIGHT - 14, 3);
    expect(p2.pageNumber.glyphs[0].x).toBeCloseTo(TYPE_AREA.left + 14, 3);
    expect(p1.pageNumber.baseline).toBeGreaterThan(TYPE_AREA.top + TYPE_AREA.height + 7 * MM);
    expect(p1.pageNumber.glyphs[0].face).toBe('song');
    expect(p1.pageNumber.glyphs[0].size).toBe(14);
  });
});

describe('every character is drawn', () => {
  it('hands characters the body face lacks to fallback faces and marks the rest visibly', () => {
    expect(faceFor('fang', '政'.codePointAt(0)!)).toBe('fang');
    expect(faceFor('fang', '堃'.codePointAt(0)!)).toBe('serif');
    expect(faceFor('fang', '😀'.codePointAt(0)!)).toBe('emoji');
    expect(['serif', 'hanB']).toContain(faceFor('fang', '𠀾'.codePointAt(0)!));
    expect(faceFor('fang', 0xf0000)).toBeNull();
    const clusters = shape('申请😀𠀾\u{F0000}\u0007结束\uFE0F', 'fang', 16, { grid: true });
    const text = clusters.map((c) => c.text).join('');
    expect(text).toBe(`申请😀𠀾${replacementFor(0xf0000)}${replacementFor(7)}结束`);
    expect(replacementFor(0xf0000)).toBe('〔U+F0000〕');
  });

  it('keeps every character of a very long request (nothing truncated)', () => {
    const request = `${'申请公开2025年度预算执行情况😀及𠀾。'.repeat(300)}`;
    const pages = layoutLetter(letter(`张三：\n　　${request}`));
    const all = textLines(pages).map(lineText).join('');
    expect(all === `张三：${request}`).toBe(true);
    expect(pages.length).toBeGreaterThan(5);
  });
});
