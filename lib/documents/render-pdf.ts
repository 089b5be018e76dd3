/**
 * PDF rendering of outgoing documents with pdfkit and the Noto CJK font (STACK.md: pdfkit reads the TTC
 * collection and embeds a subset; pdf-lib cannot). A4, margins and sizes after GB/T 9704-2012 (党政机关公文
 * 格式) as far as a sans font allows: title ~22 pt centred, 文号 centred below it, body 16 pt, the issuing
 * organisation and the date at the end, right-aligned.
 *
 * The font is looked up at run time: GONGKAI_CJK_FONT, else the Debian package path of fonts-noto-cjk.
 * A missing font is a clear configuration error, never a PDF with empty boxes.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';

export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
] as const;
/** PostScript name of the Simplified Chinese face inside the collection. */
export const CJK_FONT_NAME = 'NotoSansCJKsc-Regular';

export class MissingCjkFontError extends Error {
  constructor(tried: readonly string[]) {
    super(
      `No CJK font for PDF documents: tried ${tried.join(', ')}. Install Debian's fonts-noto-cjk ` +
        '(apt-get install -y fonts-noto-cjk) or set GONGKAI_CJK_FONT to a NotoSansCJK-Regular.ttc path.',
    );
    this.name = 'MissingCjkFontError';
  }
}

export function findCjkFont(): string {
  const override = process.env.GONGKAI_CJK_FONT;
  const tried = override ? [override, ...CJK_FONT_CANDIDATES] : [...CJK_FONT_CANDIDATES];
  const found = tried.find((p) => fs.existsSync(p));
  if (!found) throw new MissingCjkFontError(tried);
  return found;
}

export interface PdfDocumentInput {
  title: string;
  /** 文号; null for documents that carry none (receipt, drafts). */
  docNumber: string | null;
  /** Paragraphs separated by newlines; indentation (full-width spaces) is kept. */
  body: string;
  orgName: string;
  /** Already formatted date line, e.g. 2026年3月18日. */
  dateText: string;
  /** Filenames listed as 附件 under the body. */
  attachmentNames?: readonly string[];
  /** Printed diagonally on drafts so they are never mistaken for an issued document. */
  watermark?: string;
}

const MM = 72 / 25.4;

export function renderPdf(input: PdfDocumentInput): Promise<Buffer> {
  const fontPath = findCjkFont();
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
      info: { Title: input.title, Producer: 'Gongkai', Creator: 'Gongkai' },
      autoFirstPage: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.registerFont('cjk', fontPath, CJK_FONT_NAME);
      doc.font('cjk');
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

      if (input.watermark) {
        doc.save();
        doc.rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
        doc.fontSize(60).fillColor('#dddddd').text(input.watermark, 0, doc.page.height / 2 - 30, { width: doc.page.width, align: 'center' });
        doc.restore();
        doc.fillColor('black');
        doc.x = doc.page.margins.left;
        doc.y = doc.page.margins.top;
      }

      doc.fontSize(22).text(input.title, { width, align: 'center' });
      if (input.docNumber) {
        doc.moveDown(0.6);
        doc.fontSize(16).text(input.docNumber, { width, align: 'center' });
      }
      doc.moveDown(1.2);
      doc.fontSize(16);
      for (const line of input.body.split('\n')) {
        if (line.trim() === '') {
          doc.moveDown(0.5);
          continue;
        }
        // Full-width indentation as a first-line indent: pdfkit would treat U+3000 as a break opportunity.
        const indentChars = /^\u3000*/.exec(line)?.[0].length ?? 0;
        doc.text(line.slice(indentChars), { width, align: 'left', lineGap: 6, indent: indentChars * 16 });
        doc.moveDown(0.3);
      }
      if (input.attachmentNames && input.attachmentNames.length > 0) {
        doc.moveDown(0.8);
        input.attachmentNames.forEach((name, i) =>
          doc.text(`${i === 0 ? '　　附件：' : '　　　　　'}${i + 1}. ${name}`, { width, lineGap: 6 }),
        );
      }
      doc.moveDown(2);
      doc.text(input.orgName, { width: width - 16, align: 'right' });
      doc.text(input.dateText, { width: width - 16, align: 'right' });
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
