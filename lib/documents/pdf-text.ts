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
