/**
 * Page layout of letters after GB/T 9704-2012 《党政机关公文格式》 (points in
 * /work/shared/reference/gbt9704-layout.md; section numbers of the standard in comments). The layout is
 * computed here, independent of the PDF writer: lines of positioned glyph runs on pages of a 22-line grid.
 * render-pdf.ts draws the result with pdfkit; render-docx.ts writes the same structure as DOCX.
 *
 * - A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (5.1, 5.2.1);
 * - 22 lines × 28 characters filling the type area (5.2.3): line pitch 225 mm / 22, character pitch
 *   156 mm / 28 for full-width characters (half-width Latin letters and digits keep their own width);
 * - title 2号 (22 pt) 小标宋-style face centred (7.3.1); document number one line below it (issue 11);
 *   addressee flush left after a blank line (7.3.2); body 3号 (16 pt) 仿宋 with paragraphs indented two
 *   characters; structural headings "一、" in 黑体 and "（一）" in 楷体 (7.3.3);
 * - 附件说明 one line below the body, indented two characters, "附件：1. …" with titles (7.3.4);
 * - signature and date (7.3.5): without a seal the signature is right-indented two characters and the date
 *   starts two characters further right (7.3.5.3); with a seal the date is right-indented four characters
 *   and the signature centred over it, the seal over both (7.3.5.2); the block is kept on the page of the
 *   last lines of text by reducing the blank lines and then the line pitch of that page, never moved alone
 *   to a new page (7.3.5.5); if that is not enough, the last two lines of text move with it;
 * - page numbers "— 1 —" in 4号 (14 pt) Song, 7 mm below the type area, odd pages right and even pages left,
 *   one character in from the edge (7.5);
 * - line breaking keeps closing punctuation off the start of a line and opening punctuation off its end
 *   (避头尾), never breaks inside a Latin word or number unless it is longer than a line, and justifies
 *   every line of a paragraph but its last.
 *
 * Every character of the text is placed: a face lacking it hands it to the next face of its fallback chain
 * (fonts.ts), and one no face can draw is printed as a visible 〔U+XXXX〕 marker. Only invisible format
 * characters (variation selectors, zero-width joiners) are not drawn.
 */
import { advanceOf, faceFor, isFormatCharacter, replacementFor, type FaceKey } from '@/lib/documents/fonts';

export const MM = 72 / 25.4;
export const PAGE_WIDTH = 210 * MM;
export const PAGE_HEIGHT = 297 * MM;
/** 版心 (5.2.1): 37 mm from the top, 28 mm from the left, 156 × 225 mm. */
export const TYPE_AREA = { left: 28 * MM, top: 37 * MM, width: 156 * MM, height: 225 * MM } as const;
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** Line pitch and full-width character pitch of the grid (5.2.3). */
export const PITCH = TYPE_AREA.height / LINES_PER_PAGE;
export const CELL = TYPE_AREA.width / CHARS_PER_LINE;
export const BODY_SIZE = 16; // 3号
export const TITLE_SIZE = 22; // 2号
export const PAGE_NUMBER_SIZE = 14; // 4号
/** Line pitch may shrink to this on the last page to keep the signature block with the text (7.3.5.5). */
export const MIN_PITCH = PITCH * 0.8;
/** Width of an official seal (a 42 mm round seal is the common size for agencies). */
export const SEAL_SIZE = 42 * MM;
export const RED = '#e60012';

export interface Glyph {
  face: FaceKey;
  size: number;
  /** Left edge, in points from the page's left edge. */
  x: number;
  text: string;
  /** Advance of the run, in points. */
  width: number;
  /** Extra advance after each character of the run (grid compression, justification): PDF Tc. */
  spacing: number;
  color?: string;
  /** Text to be filled in (【待填写…】): drawn on a highlight, like the DOCX's. */
  mark?: true;
}

export type LineKind = 'letterhead' | 'rule' | 'title' | 'number' | 'blank' | 'text' | 'attachment' | 'signature' | 'date';

export interface Line {
  kind: LineKind;
  glyphs: Glyph[];
  /** Paragraph alignment, for writers that re-flow the text (DOCX). */
  align?: 'left' | 'center' | 'right' | 'justify';
}

export interface PlacedLine extends Line {
  /** Baseline, in points from the page's top edge. */
  baseline: number;
}

export interface LaidOutPage {
  number: number;
  pitch: number;
  lines: PlacedLine[];
  pageNumber: { glyphs: Glyph[]; baseline: number };
  seal?: { x: number; y: number; width: number };
}

export interface LetterLayoutInput {
  title: string;
  /** 文号, printed one line under the title; null when the letter has none (drafts). */
  docNumber: string | null;
  /** Paragraphs separated by newlines; leading U+3000 full-width spaces are the first-line indent. */
  body: string;
  /** 发文机关署名. */
  orgName: string;
  /** 成文日期, e.g. 2026年12月5日. */
  dateText: string;
  /** 附件 titles (not file names). */
  attachments?: readonly string[];
  /** 版头 text (e.g. the organisation's full name), printed in red above a red rule. */
  letterhead?: string | null;
  /** The seal is printed over the signature block (issued letters only); its width/height ratio. */
  seal?: { aspect: number } | null;
}

export interface Cluster {
  text: string;
  face: FaceKey;
  width: number;
  /** The glyph's own advance (width − natural is the grid adjustment). */
  natural: number;
  /** First code point (line-breaking class). */
  cp: number;
  /** Part of a marked span (see Glyph.mark); marked and unmarked characters never share a run. */
  mark?: true;
}

/** Characters that must not start a line (GB/T 15834 practice, 避头). */
const NO_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·%％,.;:?!)]}>～'].map((c) => c.codePointAt(0)!));
/** Characters that must not end a line (避尾). */
const NO_END = new Set([...'（《「『【〔〈“‘([{<'].map((c) => c.codePointAt(0)!));

function isWordChar(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f) || cp === 0x2e || cp === 0x2d || cp === 0x5f || cp === 0x40 || cp === 0x2f;
}

/** Splits text into drawable clusters with their face and advance. */
export function shape(text: string, primary: FaceKey, size: number, options: { grid: boolean }): Cluster[] {
  const out: Cluster[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (isFormatCharacter(cp)) continue;
    if (cp === 0x09) cp = 0x3000;
    const isControl = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
    const face = isControl ? null : faceFor(primary, cp);
    if (face === null) {
      // Visible stand-in, never silence.
      for (const c of replacementFor(cp)) out.push(measure(c, primary, size, options.grid, true));
      continue;
    }
    out.push(measure(String.fromCodePoint(cp), face, size, options.grid, false));
  }
  return out;
}

function measure(ch: string, face: FaceKey, size: number, grid: boolean, fallback: boolean): Cluster {
  const cp = ch.codePointAt(0)!;
  const chosen = fallback ? (faceFor(face, cp) ?? face) : face;
  const natural = advanceOf(chosen, cp, size);
  // Full-width characters sit on the character grid; narrower ones keep their width.
  const width = grid && natural >= size * 0.9 ? (CELL * size) / BODY_SIZE : natural;
  return { text: ch, face: chosen, width, natural, cp };
}

function canBreakBefore(clusters: Cluster[], i: number): boolean {
  if (i <= 0 || i >= clusters.length) return false;
  const prev = clusters[i - 1].cp;
  const next = clusters[i].cp;
  if (NO_START.has(next) || NO_END.has(prev)) return false;
  if (isWordChar(prev) && isWordChar(next)) return false;
  if (next === 0x20) return false; // break after the space, not before it
  return true;
}

interface BrokenLine {
  clusters: Cluster[];
  last: boolean;
}

/** Greedy line breaking with 避头尾 and unbroken words; `widths[0]` for the first line, `widths[1]` after. */
export function breakLines(clusters: Cluster[], widths: [number, number]): BrokenLine[] {
  const lines: BrokenLine[] = [];
  let start = 0;
  while (start < clusters.length) {
    const width = lines.length === 0 ? widths[0] : widths[1];
    let used = 0;
    let i = start;
    while (i < clusters.length && used + clusters[i].width <= width + 0.01) {
      used += clusters[i].width;
      i++;
    }
    if (i >= clusters.length) {
      lines.push({ clusters: clusters.slice(start), last: true });
      break;
    }
    let end = i;
    while (end > start + 1 && !canBreakBefore(clusters, end)) end--;
    if (end <= start + 1 && !canBreakBefore(clusters, end)) end = Math.max(i, start + 1); // a word longer than the line
    const slice = clusters.slice(start, end);
    while (slice.length > 1 && slice[slice.length - 1].cp === 0x20) slice.pop();
    lines.push({ clusters: slice, last: false });
    start = end;
    while (start < clusters.length && clusters[start].cp === 0x20) start++;
  }
  return lines;
}

export function place(line: Cluster[], x0: number, width: number | null): Glyph[] {
  const natural = line.reduce((s, c) => s + c.width, 0);
  let gap = 0;
  if (width !== null && line.length > 1) {
    const slack = width - natural;
    // Justify unless the line is very short (a long word broken by force, a lone heading).
    if (slack > 0 && slack / (line.length - 1) <= CELL * 0.5) gap = slack / (line.length - 1);
  }
  const glyphs: Glyph[] = [];
  let x = x0;
  for (const c of line) {
    const prev = glyphs[glyphs.length - 1];
    const spacing = c.width - c.natural + gap;
    // Adjacent characters of one face with the same spacing share a run.
    if (prev && prev.face === c.face && prev.mark === c.mark && Math.abs(prev.spacing - spacing) < 0.001 && Math.abs(prev.x + prev.width - x) < 0.01) {
      prev.text += c.text;
      prev.width += c.width + gap;
    } else {
      glyphs.push({ face: c.face, size: 0, x, text: c.text, width: c.width + gap, spacing, ...(c.mark ? { mark: true as const } : {}) });
    }
    x += c.width + gap;
  }
  return glyphs;
}

export function withSize(glyphs: Glyph[], size: number, color?: string): Glyph[] {
  return glyphs.map((g) => ({ ...g, size, ...(color ? { color } : {}) }));
}

/** The width of a shaped string. */
export function widthOf(clusters: Cluster[]): number {
  return clusters.reduce((s, c) => s + c.width, 0);
}

const HEADING_HEI = /^[一二三四五六七八九十百]+、/;
const HEADING_KAI = /^（[一二三四五六七八九十百]+）/;

/** Primary face per character of a body paragraph: the heading part of "一、" / "（一）" paragraphs (7.3.3). */
function paragraphClusters(text: string): Cluster[] {
  const heading = HEADING_HEI.test(text) ? 'hei' : HEADING_KAI.test(text) ? 'kai' : null;
  if (!heading) return shape(text, 'fang', BODY_SIZE, { grid: true });
  const stop = text.indexOf('。');
  const head = stop === -1 ? text : text.slice(0, stop + 1);
  return [...shape(head, heading, BODY_SIZE, { grid: true }), ...shape(text.slice(head.length), 'fang', BODY_SIZE, { grid: true })];
}

function centredLines(text: string, face: FaceKey, size: number, kind: LineKind, color?: string): Line[] {
  const clusters = shape(text, face, size, { grid: false });
  return breakLines(clusters, [TYPE_AREA.width, TYPE_AREA.width]).map((l) => {
    const w = widthOf(l.clusters);
    return { kind, align: 'center' as const, glyphs: withSize(place(l.clusters, TYPE_AREA.left + (TYPE_AREA.width - w) / 2, null), size, color) };
  });
}

/** The lines above the signature block: letterhead, title, number, body, attachments. */
export function contentLines(input: LetterLayoutInput): Line[] {
  const lines: Line[] = [];
  const blank = (): Line => ({ kind: 'blank', glyphs: [] });
  if (input.letterhead?.trim()) {
    lines.push(...centredLines(input.letterhead.trim(), 'title', TITLE_SIZE, 'letterhead', RED));
    lines.push({ kind: 'rule', glyphs: [] }, blank());
  }
  lines.push(...centredLines(input.title, 'title', TITLE_SIZE, 'title'));
  if (input.docNumber) lines.push(...centredLines(input.docNumber, 'fang', BODY_SIZE, 'number'));
  lines.push(blank());
  for (const raw of input.body.replace(/\r\n?/g, '\n').split('\n')) {
    const paragraph = raw.replace(/\s+$/u, '');
    if (paragraph.trim() === '') {
      lines.push(blank());
      continue;
    }
    const indentChars = /^[\u3000 ]*/.exec(paragraph)![0].replace(/ {2}/g, '\u3000').length;
    const text = paragraph.replace(/^[\u3000 ]*/, '');
    const indent = Math.min(indentChars, 8) * CELL;
    const clusters = paragraphClusters(text);
    breakLines(clusters, [TYPE_AREA.width - indent, TYPE_AREA.width]).forEach((l, j) => {
      const x = TYPE_AREA.left + (j === 0 ? indent : 0);
      const width = TYPE_AREA.left + TYPE_AREA.width - x;
      lines.push({ kind: 'text', align: 'justify', glyphs: withSize(place(l.clusters, x, l.last ? null : width), BODY_SIZE) });
    });
  }
  const attachments = (input.attachments ?? []).map(attachmentTitle).filter((t) => t !== '');
  if (attachments.length > 0) {
    // 7.3.4: one line below the body, indented two characters; several attachments numbered 1. 2. …
    lines.push(blank());
    const label = shape('附件：', 'fang', BODY_SIZE, { grid: true });
    const labelX = TYPE_AREA.left + 2 * CELL;
    attachments.forEach((title, i) => {
      const num = attachments.length > 1 ? shape(`${i + 1}. `, 'fang', BODY_SIZE, { grid: true }) : [];
      const textX = labelX + widthOf(label) + widthOf(num);
      const broken = breakLines(shape(title, 'fang', BODY_SIZE, { grid: true }), [TYPE_AREA.left + TYPE_AREA.width - textX, TYPE_AREA.left + TYPE_AREA.width - textX]);
      broken.forEach((l, j) => {
        const head = j === 0 ? [...(i === 0 ? place(label, labelX, null) : []), ...place(num, labelX + widthOf(label), null)] : [];
        lines.push({ kind: 'attachment', align: 'left', glyphs: withSize([...head, ...place(l.clusters, textX, null)], BODY_SIZE) });
      });
    });
  }
  return lines;
}

/** 附件 title from a file name: no extension, no closing punctuation (7.3.4). */
export function attachmentTitle(name: string): string {
  return name
    .trim()
    .replace(/\.(pdf|docx?|xlsx?|wps|et|ofd|txt|jpe?g|png|gif|tiff?|zip|rar|7z|csv)$/i, '')
    .replace(/[。．.，,；;：:、\s]+$/u, '')
    .trim();
}

/** Signature and date lines (7.3.5.2 with a seal, 7.3.5.3 without). */
export function signatureLines(input: LetterLayoutInput): { signature: Line; date: Line } {
  const sig = shape(input.orgName, 'fang', BODY_SIZE, { grid: true });
  const date = shape(input.dateText, 'fang', BODY_SIZE, { grid: true });
  const right = TYPE_AREA.left + TYPE_AREA.width;
  const sw = widthOf(sig);
  const dw = widthOf(date);
  let sigX: number;
  let dateX: number;
  if (input.seal) {
    dateX = right - 4 * CELL - dw;
    sigX = Math.min(dateX + dw / 2 - sw / 2, right - sw);
  } else {
    sigX = right - 2 * CELL - sw;
    dateX = sigX + 2 * CELL;
    if (dateX + dw > right - 2 * CELL) {
      dateX = right - 2 * CELL - dw;
      sigX = dateX - 2 * CELL;
    }
  }
  sigX = Math.max(TYPE_AREA.left, sigX);
  dateX = Math.max(TYPE_AREA.left, dateX);
  return {
    signature: { kind: 'signature', align: 'right', glyphs: withSize(place(sig, sigX, null), BODY_SIZE) },
    date: { kind: 'date', align: 'right', glyphs: withSize(place(date, dateX, null), BODY_SIZE) },
  };
}

/** Baseline of slot `i` of a page with pitch `pitch`: the em box centred in a standard line. */
function baselineOf(i: number, pitch: number): number {
  return TYPE_AREA.top + i * pitch + (PITCH - BODY_SIZE) / 2 + 0.88 * BODY_SIZE;
}

/** Largest number of slots a page holds at `pitch` (22 at the standard pitch). */
export function capacity(pitch: number): number {
  const usable = TYPE_AREA.height - ((PITCH - BODY_SIZE) / 2 + BODY_SIZE);
  return Math.floor(usable / pitch + 1e-6) + 1;
}

function pitchFor(slots: number): number {
  const usable = TYPE_AREA.height - ((PITCH - BODY_SIZE) / 2 + BODY_SIZE);
  return slots <= 1 ? PITCH : Math.min(PITCH, usable / (slots - 1));
}

/** Splits the lines into pages of `LINES_PER_PAGE` slots; a page never starts with a blank line. */
function paginate(lines: Line[]): Line[][] {
  const pages: Line[][] = [[]];
  for (const line of lines) {
    let page = pages[pages.length - 1];
    if (page.length >= LINES_PER_PAGE) {
      page = [];
      pages.push(page);
    }
    if (page.length === 0 && line.kind === 'blank' && pages.length > 1) continue;
    page.push(line);
  }
  return pages;
}

export function layoutLetter(input: LetterLayoutInput): LaidOutPage[] {
  const all = contentLines(input);
  const { signature, date } = signatureLines(input);
  const blank: Line = { kind: 'blank', glyphs: [] };
  // The 附件说明 travels with the signature block (both belong after the last lines of text).
  let split = all.length;
  while (split > 0 && all[split - 1].kind !== 'text') split--;
  let tail = all.slice(split);
  let content = all.slice(0, split);
  if (tail.length > LINES_PER_PAGE / 2 || split === 0) {
    content = all;
    tail = [];
  }
  const preferredBlanks = input.seal ? 2 : 1;
  const minBlanks = input.seal ? 1 : 0;
  const pages = paginate(content);
  const pitches = pages.map(() => PITCH);
  const last = pages.length - 1;
  const r = pages[last].length;
  const block = (n: number) => [...tail, ...Array.from({ length: n }, () => blank), signature, date];
  let placed = false;
  for (const n of [preferredBlanks, minBlanks]) {
    if (r + block(n).length <= LINES_PER_PAGE) {
      pages[last].push(...block(n));
      placed = true;
      break;
    }
  }
  if (!placed) {
    for (const n of [preferredBlanks, minBlanks]) {
      const needed = r + block(n).length;
      const p = pitchFor(needed);
      if (p >= MIN_PITCH && capacity(p) >= needed) {
        pages[last].push(...block(n));
        pitches[last] = p;
        placed = true;
        break;
      }
    }
  }
  if (!placed) {
    // Move the last two lines of text to a new page with the block.
    const moved = pages[last].splice(Math.max(1, r - 2));
    while (moved.length > 0 && moved[0].kind === 'blank') moved.shift();
    const rest = [...moved, ...block(preferredBlanks)];
    pages.push(rest.slice(0, LINES_PER_PAGE));
    pitches.push(PITCH);
    if (rest.length > LINES_PER_PAGE) {
      pitches[pitches.length - 1] = Math.max(MIN_PITCH, pitchFor(rest.length));
      pages[pages.length - 1] = rest;
    }
  }

  return pages.map((page, index) => {
    const pitch = pitches[index];
    const placedLines: PlacedLine[] = page.map((line, i) => ({ ...line, baseline: baselineOf(i, pitch) }));
    const number = index + 1;
    const result: LaidOutPage = { number, pitch, lines: placedLines, pageNumber: pageNumberGlyphs(number) };
    if (input.seal) {
      const sig = placedLines.find((l) => l.kind === 'signature');
      const dt = placedLines.find((l) => l.kind === 'date');
      if (sig && dt) {
        // Centred over signature and date, which sit a little below the seal's centre (7.3.5.2).
        const xs = [...sig.glyphs, ...dt.glyphs];
        const minX = Math.min(...xs.map((g) => g.x));
        const maxX = Math.max(...xs.map((g) => g.x + g.width));
        const width = SEAL_SIZE;
        const height = width / input.seal.aspect;
        const midY = (sig.baseline + dt.baseline) / 2 - 0.38 * BODY_SIZE - 0.3 * pitch;
        result.seal = { x: (minX + maxX) / 2 - width / 2, y: midY - height / 2, width };
      }
    }
    return result;
  });
}

/** "— 1 —" in 4号 Song, its top 7 mm below the type area; odd pages right, even pages left (7.5). */
export function pageNumberGlyphs(n: number): { glyphs: Glyph[]; baseline: number } {
  const clusters = shape(`— ${n} —`, 'song', PAGE_NUMBER_SIZE, { grid: false });
  const w = widthOf(clusters);
  const oneChar = PAGE_NUMBER_SIZE;
  const x = n % 2 === 1 ? TYPE_AREA.left + TYPE_AREA.width - oneChar - w : TYPE_AREA.left + oneChar;
  const baseline = TYPE_AREA.top + TYPE_AREA.height + 7 * MM + 0.88 * PAGE_NUMBER_SIZE;
  return { glyphs: withSize(place(clusters, x, null), PAGE_NUMBER_SIZE), baseline };
}

/** Plain text of a laid-out page (for tests and the DOCX writer). */
export function lineText(line: Line): string {
  return line.glyphs.map((g) => g.text).join('');
}
