/**
 * The archive package's page numbers (档案装订: every page after the cover numbered in its top outer corner),
 * laid over merged pages with pdf-lib. A scanned page may carry /Rotate; the number is then drawn so that it
 * stands upright in the outer corner of the page as a reader sees it.
 */
import { degrees, type PDFDocument } from 'pdf-lib';
import { stampPdf } from '@/lib/documents/render-form';

/**
 * Where and how to lay a stamp made for the page as displayed, on a page whose /Rotate turns it: a viewer shows
 * the content turned clockwise by `rotation`, so the stamp is drawn turned back (counter-clockwise by the same
 * angle) about a corner of the media box chosen to keep it inside the box. The stamp of a 90°/270° page is
 * made with width and height swapped (the page as displayed). Pure; `rotation` any multiple of 90 (negative too).
 */
export function stampPlacement(rotation: number, box: { x: number; y: number; width: number; height: number }): { x: number; y: number; rotate: number; width: number; height: number } {
  const r = (((Math.round(rotation / 90) * 90) % 360) + 360) % 360;
  switch (r) {
    case 90:
      return { x: box.x + box.width, y: box.y, rotate: 90, width: box.height, height: box.width };
    case 180:
      return { x: box.x + box.width, y: box.y + box.height, rotate: 180, width: box.width, height: box.height };
    case 270:
      return { x: box.x, y: box.y + box.height, rotate: 270, width: box.height, height: box.width };
    default:
      return { x: box.x, y: box.y, rotate: 0, width: box.width, height: box.height };
  }
}

/** Lays the page-number stamps over pages `from`… (1-based) of the document, upright as the pages are displayed. */
export async function stampPages(out: PDFDocument, from: number): Promise<void> {
  const pages = out.getPages();
  const targets = pages
    .map((page, i) => ({ page, number: i + 1, placement: stampPlacement(page.getRotation().angle, page.getMediaBox()) }))
    .filter((p) => p.number >= from);
  if (targets.length === 0) return;
  const stamps = await stampPdf(targets.map(({ number, placement }) => ({ width: placement.width, height: placement.height, number, label: String(number) })));
  const embedded = await out.embedPdf(stamps, targets.map((_, i) => i));
  targets.forEach(({ page, placement }, i) => {
    page.drawPage(embedded[i], { x: placement.x, y: placement.y, rotate: degrees(placement.rotate) });
  });
}
