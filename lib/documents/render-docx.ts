/**
 * DOCX of a letter, for the rare hand edit in WPS or Word before signing (issue 11 item 7). The same
 * GB/T 9704-2012 layout as the PDF (layout.ts) expressed in Word's terms, so the office suite re-flows it
 * on the same grid:
 *
 * - A4, margins 37 / 35 / 28 / 26 mm (top / bottom / left / right), a document grid of 22 lines, every
 *   paragraph at an exact line pitch of 225 mm / 22;
 * - title 22 pt 方正小标宋简体 centred, the 文号 under it, addressee flush left, body 16 pt 仿宋_GB2312 justified
 *   with a two-character first-line indent, "一、" headings 黑体 and "（一）" headings 楷体_GB2312;
 * - 附件说明 indented two characters, several attachments numbered with a hanging indent;
 * - signature and date right-indented as in the PDF, the last paragraph kept with them (keepNext: Word's
 *   way of 7.3.5.5); the seal floats over the date on issued letters;
 * - page numbers "— n —" in 宋体 14 pt, odd pages right and even pages left (different odd/even footers).
 *
 * Fonts are named, not embedded: the names are the ones office machines in Chinese agencies have
 * (仿宋_GB2312, 方正小标宋简体 …); the PDF embeds the free faces of fonts.ts instead (docs/decisions.md).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  HorizontalPositionRelativeFrom,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  TextWrappingType,
  VerticalPositionRelativeFrom,
} from 'docx';
import { attachmentTitle, BODY_SIZE, CELL, layoutLetter, MM, PAGE_NUMBER_SIZE, PITCH, RED, SEAL_SIZE, TITLE_SIZE, TYPE_AREA } from '@/lib/documents/layout';
import { pngSize, type PdfDocumentInput } from '@/lib/documents/render-pdf';

/** Font names written into the DOCX (what Chinese office machines have installed). */
export const DOCX_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;

const TWIP = 20; // per point
const EMU = 12700; // per point
const LINE = Math.round(PITCH * TWIP);
const half = (pt: number) => pt * 2;

function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

function run(text: string, face: string, size: number, extra: { color?: string } = {}): TextRun {
  return new TextRun({ text, font: font(face), size: half(size), ...(extra.color ? { color: extra.color.replace('#', '') } : {}) });
}

const exact = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const HEADING_HEI = /^[一二三四五六七八九十百]+、/;
const HEADING_KAI = /^（[一二三四五六七八九十百]+）/;

function bodyRuns(text: string): TextRun[] {
  const heading = HEADING_HEI.test(text) ? DOCX_FONTS.hei : HEADING_KAI.test(text) ? DOCX_FONTS.kai : null;
  if (!heading) return [run(text, DOCX_FONTS.body, BODY_SIZE)];
  const stop = text.indexOf('。');
  const head = stop === -1 ? text : text.slice(0, stop + 1);
  const rest = text.slice(head.length);
  return [run(head, heading, BODY_SIZE), ...(rest ? [run(rest, DOCX_FONTS.body, BODY_SIZE)] : [])];
}

function pageNumberFooter(align: 'left' | 'right'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: PAGE_NUMBER_SIZE * TWIP } : { left: PAGE_NUMBER_SIZE * TWIP },
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(DOCX_FONTS.song), size: half(PAGE_NUMBER_SIZE) }),
        ],
      }),
    ],
  });
}

export async function renderDocx(input: PdfDocumentInput): Promise<Buffer> {
  const blank = () => new Paragraph({ spacing: exact, children: [run('', DOCX_FONTS.body, BODY_SIZE)] });
  const children: Paragraph[] = [];
  if (input.letterhead?.trim()) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact,
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED.replace('#', ''), space: 8 } },
        children: [run(input.letterhead.trim(), DOCX_FONTS.title, TITLE_SIZE, { color: RED })],
      }),
      blank(),
    );
  }
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(input.title, DOCX_FONTS.title, TITLE_SIZE)] }));
  if (input.docNumber) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(input.docNumber, DOCX_FONTS.body, BODY_SIZE)] }));
  children.push(blank());

  const paragraphs = input.body.replace(/\r\n?/g, '\n').split('\n');
  const attachments = (input.attachments ?? []).map(attachmentTitle).filter((t) => t !== '');
  paragraphs.forEach((raw, i) => {
    const text = raw.replace(/\s+$/u, '');
    const indentChars = /^[\u3000 ]*/.exec(text)![0].length;
    const isLast = i === paragraphs.length - 1;
    children.push(
      new Paragraph({
        alignment: AlignmentType.BOTH,
        spacing: exact,
        indent: indentChars > 0 ? { firstLine: Math.round(Math.min(indentChars, 8) * BODY_SIZE * TWIP) } : undefined,
        // The last paragraph stays on the page of the signature block (7.3.5.5).
        keepNext: isLast && attachments.length === 0,
        keepLines: isLast,
        children: bodyRuns(text.replace(/^[\u3000 ]*/, '')),
      }),
    );
  });
  if (attachments.length > 0) {
    children.push(new Paragraph({ spacing: exact, keepNext: true, children: [run('', DOCX_FONTS.body, BODY_SIZE)] }));
    attachments.forEach((title, i) => {
      const label = i === 0 ? '附件：' : '';
      const num = attachments.length > 1 ? `${i + 1}. ` : '';
      children.push(
        new Paragraph({
          spacing: exact,
          keepNext: true,
          // 附件： at two characters; titles aligned after "附件：" (and the number).
          indent: { left: Math.round((2 + 3) * BODY_SIZE * TWIP), hanging: i === 0 ? Math.round(3 * BODY_SIZE * TWIP) : 0 },
          children: [run(`${label}${num}${title}`, DOCX_FONTS.body, BODY_SIZE)],
        }),
      );
    });
  }

  // Signature block: positions from the PDF layout (right indents of 7.3.5.2 / 7.3.5.3).
  const sealSize = input.seal ? pngSize(input.seal) : null;
  const pages = layoutLetter({ ...input, seal: sealSize ? { aspect: sealSize.width / sealSize.height } : null });
  const lastPage = pages[pages.length - 1];
  const sig = lastPage.lines.find((l) => l.kind === 'signature')!;
  const date = lastPage.lines.find((l) => l.kind === 'date')!;
  const rightIndent = (line: typeof sig) => {
    const end = line.glyphs.length ? line.glyphs[line.glyphs.length - 1].x + line.glyphs[line.glyphs.length - 1].width : TYPE_AREA.left + TYPE_AREA.width;
    return Math.max(0, Math.round((TYPE_AREA.left + TYPE_AREA.width - end) * TWIP));
  };
  const blanks = sealSize ? 2 : 1;
  for (let i = 0; i < blanks; i++) children.push(new Paragraph({ spacing: exact, keepNext: true, children: [run('', DOCX_FONTS.body, BODY_SIZE)] }));
  const sealRun =
    sealSize && input.seal && lastPage.seal
      ? [
          new ImageRun({
            type: 'png',
            data: input.seal,
            transformation: { width: Math.round((SEAL_SIZE / 72) * 96), height: Math.round((SEAL_SIZE / 72) * 96 * (sealSize.height / sealSize.width)) },
            floating: {
              horizontalPosition: { relative: HorizontalPositionRelativeFrom.PAGE, offset: Math.round(lastPage.seal.x * EMU) },
              verticalPosition: { relative: VerticalPositionRelativeFrom.PARAGRAPH, offset: Math.round((lastPage.seal.y - (sig.baseline - 0.88 * BODY_SIZE - (PITCH - BODY_SIZE) / 2)) * EMU) },
              allowOverlap: true,
              behindDocument: false,
              wrap: { type: TextWrappingType.NONE },
            },
          }),
        ]
      : [];
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, keepNext: true, indent: { right: rightIndent(sig) }, children: [...sealRun, run(input.orgName, DOCX_FONTS.body, BODY_SIZE)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, indent: { right: rightIndent(date) }, children: [run(input.dateText, DOCX_FONTS.body, BODY_SIZE)] }),
  );

  const doc = new Document({
    creator: 'Gongkai',
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(DOCX_FONTS.body), size: half(BODY_SIZE) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM * TWIP), height: Math.round(297 * MM * TWIP) },
            margin: {
              top: Math.round(TYPE_AREA.top * TWIP),
              left: Math.round(TYPE_AREA.left * TWIP),
              right: Math.round((210 * MM - TYPE_AREA.left - TYPE_AREA.width) * TWIP),
              bottom: Math.round((297 * MM - TYPE_AREA.top - TYPE_AREA.height) * TWIP),
              footer: Math.round((297 * MM - TYPE_AREA.top - TYPE_AREA.height - 7 * MM - PAGE_NUMBER_SIZE) * TWIP),
              header: Math.round(15 * MM * TWIP),
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE, charSpace: Math.round((CELL - BODY_SIZE) * 4096) },
        },
        headers: input.watermark
          ? {
              default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(input.watermark, DOCX_FONTS.hei, 22, { color: '#999999' })] })] }),
              even: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(input.watermark, DOCX_FONTS.hei, 22, { color: '#999999' })] })] }),
            }
          : undefined,
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
