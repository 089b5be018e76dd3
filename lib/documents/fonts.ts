/**
 * Fonts of the documents of record (GB/T 9704-2012 faces), all from Debian packages, freely licensed, read
 * from disk and embedded (subset) in every PDF. Nothing is fetched at run time. The choice and licences are
 * recorded in docs/decisions.md ("Document fonts").
 *
 * | face       | role (GB/T 9704-2012)                        | font                        | Debian package        |
 * |------------|----------------------------------------------|-----------------------------|-----------------------|
 * | fang       | body text 3号仿宋 (5.2.2, 7.3.3)             | FandolFang-Regular          | texlive-lang-chinese  |
 * | kai        | "（一）" headings 楷体 (7.3.3)                | FandolKai-Regular           | texlive-lang-chinese  |
 * | song       | page numbers 4号宋体 (7.5)                   | FandolSong-Regular          | texlive-lang-chinese  |
 * | title      | title 2号小标宋 (7.3.1), letterhead          | Noto Serif CJK SC Bold      | fonts-noto-cjk        |
 * | hei        | "一、" headings 黑体 (7.3.3)                  | Noto Sans CJK SC Regular    | fonts-noto-cjk        |
 * | serif      | CJK fallback (beyond GB 2312, Ext. A/B)      | Noto Serif CJK SC Regular   | fonts-noto-cjk        |
 * | hanB       | fallback for Ext. B–F ideographs (SIP)       | HanaMinB                    | fonts-hanazono        |
 * | hanA       | fallback for Ext. A / compatibility ideographs | HanaMinA                  | fonts-hanazono        |
 * | symbols    | fallback: Latin, Greek, Cyrillic, symbols    | DejaVu Sans                 | fonts-dejavu-core     |
 * | emoji      | fallback: emoji and pictographs (monochrome) | Symbola                     | fonts-symbola         |
 *
 * Fandol covers GB 2312 (the characters official documents use); any character a face lacks is set in the
 * next face of its fallback chain, and a character no face has is printed as a visible marker 〔U+XXXX〕,
 * never dropped (fallbackChain, REPLACEMENT).
 *
 * A missing font file is a configuration error (MissingFontError names the Debian package), never a PDF
 * with empty boxes. GONGKAI_FONT_DIR, when set, is searched first (by file name) for every face.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

export type FaceKey = 'fang' | 'kai' | 'song' | 'title' | 'hei' | 'serif' | 'hanB' | 'hanA' | 'symbols' | 'emoji';

export interface FaceSpec {
  /** Candidate paths, first found wins. */
  files: readonly string[];
  /** PostScript name of the face inside a TTC collection. */
  postscriptName?: string;
  /** Name written into DOCX files (what an office suite looks for) and shown in docs. */
  displayName: string;
  /** Debian package that ships the file. */
  debianPackage: string;
  licence: string;
}

const FANDOL = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';
const NOTO = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

export const FACES: Record<FaceKey, FaceSpec> = {
  fang: {
    files: [`${FANDOL}/FandolFang-Regular.otf`],
    displayName: 'FandolFang',
    debianPackage: 'texlive-lang-chinese',
    licence: 'GPL-3+ with font exception',
  },
  kai: {
    files: [`${FANDOL}/FandolKai-Regular.otf`],
    displayName: 'FandolKai',
    debianPackage: 'texlive-lang-chinese',
    licence: 'GPL-3+ with font exception',
  },
  song: {
    files: [`${FANDOL}/FandolSong-Regular.otf`],
    displayName: 'FandolSong',
    debianPackage: 'texlive-lang-chinese',
    licence: 'GPL-3+ with font exception',
  },
  title: {
    files: NOTO.map((d) => `${d}/NotoSerifCJK-Bold.ttc`),
    postscriptName: 'NotoSerifCJKsc-Bold',
    displayName: 'Noto Serif CJK SC Bold',
    debianPackage: 'fonts-noto-cjk',
    licence: 'SIL OFL 1.1',
  },
  hei: {
    files: NOTO.map((d) => `${d}/NotoSansCJK-Regular.ttc`),
    postscriptName: 'NotoSansCJKsc-Regular',
    displayName: 'Noto Sans CJK SC',
    debianPackage: 'fonts-noto-cjk',
    licence: 'SIL OFL 1.1',
  },
  serif: {
    files: NOTO.map((d) => `${d}/NotoSerifCJK-Regular.ttc`),
    postscriptName: 'NotoSerifCJKsc-Regular',
    displayName: 'Noto Serif CJK SC',
    debianPackage: 'fonts-noto-cjk',
    licence: 'SIL OFL 1.1',
  },
  hanB: {
    files: ['/usr/share/fonts/truetype/hanazono/HanaMinB.ttf'],
    displayName: 'HanaMinB',
    debianPackage: 'fonts-hanazono',
    licence: 'Hanazono Font License or SIL OFL',
  },
  hanA: {
    files: ['/usr/share/fonts/truetype/hanazono/HanaMinA.ttf'],
    displayName: 'HanaMinA',
    debianPackage: 'fonts-hanazono',
    licence: 'Hanazono Font License or SIL OFL',
  },
  symbols: {
    files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
    displayName: 'DejaVu Sans',
    debianPackage: 'fonts-dejavu-core',
    licence: 'Bitstream Vera / public domain (DejaVu)',
  },
  emoji: {
    files: ['/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf', '/usr/share/fonts/truetype/symbola/Symbola.ttf'],
    displayName: 'Symbola',
    debianPackage: 'fonts-symbola',
    licence: 'free for any use (George Douros)',
  },
};

export const FACE_KEYS = Object.keys(FACES) as FaceKey[];

export class MissingFontError extends Error {
  constructor(
    readonly face: FaceKey,
    readonly tried: readonly string[],
  ) {
    const spec = FACES[face];
    super(
      `Font for documents missing: ${spec.displayName} (${face}); tried ${tried.join(', ')}. ` +
        `Install the Debian package: apt-get install -y --no-install-recommends ${spec.debianPackage}` +
        ' (or put the file into GONGKAI_FONT_DIR). See docs/decisions.md "Document fonts".',
    );
    this.name = 'MissingFontError';
  }
}

function candidates(face: FaceKey): string[] {
  const spec = FACES[face];
  const dir = process.env.GONGKAI_FONT_DIR;
  const own = dir ? spec.files.map((f) => path.join(dir, path.basename(f))) : [];
  return [...own, ...spec.files];
}

export function findFontFile(face: FaceKey): string {
  const tried = candidates(face);
  const found = tried.find((p) => fs.existsSync(p));
  if (!found) throw new MissingFontError(face, tried);
  return found;
}

/** Every face's file; throws MissingFontError for the first face that is missing (used by the start-up check). */
export function checkFonts(): Record<FaceKey, string> {
  return Object.fromEntries(FACE_KEYS.map((k) => [k, findFontFile(k)])) as Record<FaceKey, string>;
}

/** The part of fontkit's font object the layout uses (pdfkit parses fonts with fontkit). */
export interface FontMetrics {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}

interface LoadedFace {
  file: string;
  data: Buffer;
  metrics: FontMetrics;
}

const loaded = new Map<FaceKey, LoadedFace>();

/** Reads and parses a face once per process; the bytes are handed to each pdfkit document. */
export function loadFace(face: FaceKey): LoadedFace {
  const cached = loaded.get(face);
  if (cached) return cached;
  const file = findFontFile(face);
  const data = fs.readFileSync(file);
  // fontkit is pdfkit's parser; a throwaway document gives access to it without another dependency.
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont(face, data, FACES[face].postscriptName);
  probe.font(face);
  const metrics = (probe as unknown as { _font: { font: FontMetrics } })._font.font;
  const entry = { file, data, metrics };
  loaded.set(face, entry);
  return entry;
}

/**
 * Registers the faces with a pdfkit document under their FaceKey names. pdfkit accepts a parsed fontkit
 * font as the source, so each face is parsed once per process (parsing a CJK collection takes ~0.5 s).
 */
export function registerFaces(doc: PDFKit.PDFDocument, faces: Iterable<FaceKey>): void {
  for (const face of faces) doc.registerFont(face, loadFace(face).metrics as unknown as Buffer);
}

/** Invisible format characters (no glyph needed, nothing is lost when they are not drawn). */
export function isFormatCharacter(cp: number): boolean {
  return (
    cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

function isEmojiLike(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff);
}

/**
 * Faces to try for a character after the requested one: CJK serif, the Hanazono faces for ideographs in
 * the extension planes, DejaVu for Western scripts and symbols, Symbola for emoji.
 */
export function fallbackChain(primary: FaceKey, cp: number): FaceKey[] {
  const cjk: FaceKey[] = cp >= 0x20000 ? ['serif', 'hanB', 'hanA'] : ['serif', 'hanA', 'hanB'];
  const chain: FaceKey[] = isEmojiLike(cp) ? ['emoji', 'symbols', ...cjk] : [...cjk, 'symbols', 'emoji'];
  return [primary, ...chain.filter((f) => f !== primary)];
}

/** The face that has a glyph for `cp`, or null when none has (the caller prints REPLACEMENT). */
export function faceFor(primary: FaceKey, cp: number): FaceKey | null {
  for (const face of fallbackChain(primary, cp)) {
    const { metrics } = loadFace(face);
    if (metrics.hasGlyphForCodePoint(cp)) return face;
  }
  return null;
}

/** Visible stand-in for a character no face can draw, e.g. 〔U+E000〕. */
export function replacementFor(cp: number): string {
  return `〔U+${cp.toString(16).toUpperCase().padStart(4, '0')}〕`;
}

/** Advance of one character in points. */
export function advanceOf(face: FaceKey, cp: number, size: number): number {
  const { metrics } = loadFace(face);
  return (metrics.glyphForCodePoint(cp).advanceWidth / metrics.unitsPerEm) * size;
}
