/**
 * The PDF as a reader sees it, for tests: text per page with pdftotext (poppler-utils), fonts with pdffonts,
 * the page count with pdfinfo. .ci/run installs poppler-utils. Not used by application code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function withPdfFile<T>(data: Buffer | Uint8Array, fn: (file: string) => T): T {
  const file = path.join(os.tmpdir(), `gongkai-pdf-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return fn(file);
  } finally {
    fs.unlinkSync(file);
  }
}

/**
 * Text of each page (pdftotext separates pages with form feeds): in layout order by default, or in drawing
 * order (`raw`: tables cell by cell, where the layout order interleaves the lines of neighbouring cells).
 */
export function pdfPages(data: Buffer | Uint8Array, options: { raw?: boolean } = {}): string[] {
  return withPdfFile(data, (f) => execFileSync('pdftotext', [options.raw ? '-raw' : '-layout', f, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }))
    .split('\f')
    .filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

export function pdfFonts(data: Buffer | Uint8Array): Array<{ name: string; embedded: boolean }> {
  const out = withPdfFile(data, (f) => execFileSync('pdffonts', [f], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type (1–3 words), encoding, emb, sub, uni, object, ID
      return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
    });
}

export function pdfInfo(data: Buffer | Uint8Array): string {
  return withPdfFile(data, (f) => execFileSync('pdfinfo', [f], { encoding: 'utf8' }));
}

/**
 * How many pixels of page `page` (1-based), rendered at `dpi` by pdftoppm, are yellow (a highlight): red and
 * green high, blue low.
 */
export function pdfYellowPixels(data: Buffer | Uint8Array, page: number, dpi = 36): number {
  const ppm = withPdfFile(data, (file) => execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), file], { maxBuffer: 64 * 1024 * 1024 }));
  // P6 header: magic, width, height, maxval, each followed by whitespace; then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not answer a PPM image');
  let yellow = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) if (ppm[i] > 200 && ppm[i + 1] > 200 && ppm[i + 2] < 80) yellow += 1;
  return yellow;
}
