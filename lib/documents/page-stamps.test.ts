/**
 * Page-number stamps on rotated pages: read back with pdftotext -bbox, which reports words in the page's
 * displayed coordinates. An upright digit is taller than wide; a stamp laid in the unrotated space of a
 * 90° page reads sideways (wider than tall) and sits in another corner.
 */
import { execFileSync } from 'node:child_process';
import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { stampPages, stampPlacement } from '@/lib/documents/page-stamps';
import { withPdfFile } from '@/lib/documents/pdf-text';

const A4 = { width: 595.28, height: 841.89 };

describe('stampPlacement', () => {
  const box = { x: 0, y: 0, ...A4 };
  it('turns the stamp back by the page rotation about a corner that keeps it in the box', () => {
    expect(stampPlacement(0, box)).toEqual({ x: 0, y: 0, rotate: 0, ...A4 });
    expect(stampPlacement(90, box)).toEqual({ x: A4.width, y: 0, rotate: 90, width: A4.height, height: A4.width });
    expect(stampPlacement(180, box)).toEqual({ x: A4.width, y: A4.height, rotate: 180, ...A4 });
    expect(stampPlacement(270, box)).toEqual({ x: 0, y: A4.height, rotate: 270, width: A4.height, height: A4.width });
    expect(stampPlacement(-90, box)).toEqual(stampPlacement(270, box));
    expect(stampPlacement(450, { ...box, x: 10, y: 20 })).toEqual({ x: 10 + A4.width, y: 20, rotate: 90, width: A4.height, height: A4.width });
  });
});

describe('stampPages', () => {
  it('numbers every page upright in the top outer corner as displayed, whatever its /Rotate', async () => {
    const doc = await PDFDocument.create();
    const rotations = [0, 90, 180, 270, 90];
    for (const r of rotations) doc.addPage([A4.width, A4.height]).setRotation(degrees(r));
    await stampPages(doc, 1);
    const xml = withPdfFile(await doc.save(), (f) => execFileSync('pdftotext', ['-bbox', f, '-'], { encoding: 'utf8' }));
    const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\d+)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      n: Number(m[5]),
    }));
    expect(words.map((w) => w.n)).toEqual([1, 2, 3, 4, 5]);
    words.forEach((w, i) => {
      const displayedWidth = rotations[i] % 180 === 0 ? A4.width : A4.height;
      expect(w.yMax - w.yMin, `page ${w.n} upright`).toBeGreaterThan(w.xMax - w.xMin);
      expect(w.yMin, `page ${w.n} at the top`).toBeLessThan(50);
      // Odd pages right, even pages left (the outer corner of a bound volume).
      if (w.n % 2 === 1) expect(w.xMax, `page ${w.n} right`).toBeGreaterThan(displayedWidth - 50);
      else expect(w.xMin, `page ${w.n} left`).toBeLessThan(50);
    });
  });
});
