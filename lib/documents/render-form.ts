/**
 * PDF of a form of record (form-layout.ts) drawn with pdfkit, with the fonts of fonts.ts embedded as subsets,
 * like the letters of render-pdf.ts. Deterministic: the same form gives the same bytes (fixed CreationDate;
 * pdfkit derives the file ID from the document info).
 *
 * Also the page-number stamps of the archive package (stampPdf): one page per stamped page, the same size,
 * carrying only the number in its top outer corner; archive-package.ts lays them over the pages with pdf-lib.
 */
import PDFDocument from 'pdfkit';
import { registerFaces, type FaceKey } from '@/lib/documents/fonts';
import { layoutForm, type FormInput, type FormPage } from '@/lib/documents/form-layout';
import { MM, PAGE_HEIGHT, PAGE_WIDTH, shape, type Glyph } from '@/lib/documents/layout';

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export interface FormPdfOptions {
  /** Document title in the PDF's info. */
  title?: string;
  author?: string;
  watermark?: string;
}

function pdfDocument(title: string, author: string | undefined): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    info: { Title: title, ...(author ? { Author: author } : {}), Producer: 'Gongkai', Creator: 'Gongkai', CreationDate: FIXED_DATE },
    lang: 'zh-CN',
  });
}

function collect(doc: PDFKit.PDFDocument, draw: () => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw();
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function drawGlyphs(doc: PDFKit.PDFDocument, glyphs: Glyph[], baseline: number): void {
  for (const g of glyphs) {
    doc.font(g.face).fontSize(g.size).fillColor(g.color ?? 'black', 1);
    doc.text(g.text, g.x, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: g.spacing });
  }
}

function facesOf(pages: FormPage[]): Set<FaceKey> {
  const faces = new Set<FaceKey>(['fang']);
  for (const page of pages) {
    for (const t of page.texts) for (const g of t.glyphs) faces.add(g.face);
    for (const g of page.pageNumber?.glyphs ?? []) faces.add(g.face);
  }
  return faces;
}

/** Draws laid-out form pages. */
export function renderFormPages(pages: FormPage[], options: FormPdfOptions = {}): Promise<Buffer> {
  const doc = pdfDocument(options.title ?? '', options.author);
  const faces = facesOf(pages);
  if (options.watermark) faces.add('hei');
  return collect(doc, () => {
    registerFaces(doc, faces);
    for (const page of pages) {
      doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
      if (options.watermark) {
        doc.save();
        doc.rotate(-35, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
        doc.font('hei').fontSize(110).fillColor('#c8c8c8', 0.5);
        doc.text(options.watermark, 0, PAGE_HEIGHT / 2 - 55, { width: PAGE_WIDTH, align: 'center', lineBreak: false });
        doc.restore();
      }
      if (page.rules.length > 0) {
        doc.save().lineWidth(0.75).strokeColor('black');
        for (const r of page.rules) doc.moveTo(r.x1, r.y1).lineTo(r.x2, r.y2);
        doc.stroke().restore();
      }
      for (const t of page.texts) drawGlyphs(doc, t.glyphs, t.baseline);
      if (page.pageNumber) drawGlyphs(doc, page.pageNumber.glyphs, page.pageNumber.baseline);
    }
  });
}

/** Lays out and draws a form. */
export function renderFormPdf(form: FormInput, options: FormPdfOptions = {}): Promise<Buffer> {
  return renderFormPages(layoutForm(form), { title: options.title ?? form.title, ...options });
}

/** Size of the archive page number (5号). */
export const STAMP_SIZE = 10.5;

/**
 * Page-number stamps: for each page (its size in points), a page of that size with `label` in its top outer
 * corner — right on odd numbers, left on even ones, 10 mm from the edges (where an archivist writes the 页号).
 */
export function stampPdf(pages: readonly { width: number; height: number; label: string; number: number }[]): Promise<Buffer> {
  const doc = pdfDocument('', undefined);
  return collect(doc, () => {
    registerFaces(doc, ['song']);
    for (const p of pages) {
      doc.addPage({ size: [p.width, p.height], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
      const clusters = shape(p.label, 'song', STAMP_SIZE, { grid: false });
      const width = clusters.reduce((s, c) => s + c.width, 0);
      const x = p.number % 2 === 1 ? p.width - 10 * MM - width : 10 * MM;
      doc.font('song').fontSize(STAMP_SIZE).fillColor('black', 1);
      doc.text(p.label, x, 10 * MM + STAMP_SIZE, { lineBreak: false, baseline: 'alphabetic' });
    }
  });
}
