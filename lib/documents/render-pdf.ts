/**
 * PDF of a letter: the GB/T 9704-2012 layout of layout.ts drawn with pdfkit, fonts of fonts.ts embedded as
 * subsets (pdfkit reads OTF/TTF/TTC; pdf-lib cannot read the TTC collections). Drafts carry a diagonal
 * "样稿" watermark on every page; issued letters may carry the organisation's seal over the signature block.
 *
 * Output is deterministic: the same input gives the same bytes (fixed CreationDate; the file ID is derived
 * from the document info), so an archive package can be regenerated identically.
 */
import PDFDocument from 'pdfkit';
import { registerFaces, type FaceKey } from '@/lib/documents/fonts';
import { layoutLetter, PAGE_HEIGHT, PAGE_WIDTH, RED, TYPE_AREA, type LaidOutPage, type LetterLayoutInput } from '@/lib/documents/layout';

export { MissingFontError, checkFonts } from '@/lib/documents/fonts';

export const DRAFT_WATERMARK = '样稿';

export interface PdfDocumentInput extends Omit<LetterLayoutInput, 'seal'> {
  /** Printed diagonally on every page of drafts so they are never mistaken for an issued document. */
  watermark?: string;
  /** PNG of the organisation's seal (issued letters only). */
  seal?: Buffer | null;
  /** CreationDate of the PDF; fixed for reproducible output (default: 2000-01-01). */
  creationDate?: Date;
}

/** Width and height of a PNG (IHDR), or null when the bytes are not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature) || data.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export function renderPdf(input: PdfDocumentInput): Promise<Buffer> {
  const sealSize = input.seal ? pngSize(input.seal) : null;
  const pages = layoutLetter({ ...input, seal: sealSize ? { aspect: sealSize.width / sealSize.height } : null });
  const faces = new Set<FaceKey>(['fang', 'song']);
  for (const page of pages) for (const g of [...page.lines.flatMap((l) => l.glyphs), ...page.pageNumber.glyphs]) faces.add(g.face);
  if (input.watermark) faces.add('hei');

  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      autoFirstPage: false,
      info: { Title: input.title, Author: input.orgName, Producer: 'Gongkai', Creator: 'Gongkai', CreationDate: input.creationDate ?? FIXED_DATE },
      lang: 'zh-CN',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      registerFaces(doc, faces);
      for (const page of pages) drawPage(doc, page, input, sealSize ? input.seal! : null);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function drawPage(doc: PDFKit.PDFDocument, page: LaidOutPage, input: PdfDocumentInput, seal: Buffer | null): void {
  doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
  if (input.watermark) {
    doc.save();
    doc.rotate(-35, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
    doc.font('hei').fontSize(110).fillColor('#c8c8c8', 0.5);
    doc.text(input.watermark, 0, PAGE_HEIGHT / 2 - 55, { width: PAGE_WIDTH, align: 'center', lineBreak: false });
    doc.restore();
  }
  for (const line of page.lines) {
    if (line.kind === 'rule') {
      // 版头 separator: a red rule across the type area (7.2.6), in the middle of its line.
      const y = line.baseline - 0.3 * 16;
      doc.save().moveTo(TYPE_AREA.left, y).lineTo(TYPE_AREA.left + TYPE_AREA.width, y).lineWidth(1.5).strokeColor(RED).stroke().restore();
      continue;
    }
    for (const g of line.glyphs) {
      doc.font(g.face).fontSize(g.size).fillColor(g.color ?? 'black', 1);
      doc.text(g.text, g.x, line.baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: g.spacing });
    }
  }
  for (const g of page.pageNumber.glyphs) {
    doc.font(g.face).fontSize(g.size).fillColor('black', 1);
    doc.text(g.text, g.x, page.pageNumber.baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: g.spacing });
  }
  if (seal && page.seal) {
    // Over the text, as a stamped seal is (PNG transparency keeps the text readable).
    doc.image(seal, page.seal.x, page.seal.y, { width: page.seal.width });
  }
}
