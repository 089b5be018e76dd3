/**
 * The annual report's text model (issue 12 item 2). Pure — shared by the editor (client preview and
 * warnings), the store, the DOCX/PDF renderers and the public page.
 *
 * - A report text is one string per part (`REPORT_TEXT_PARTS`): the preamble, sections 一 to 六 and the
 *   date under the signature. Paragraphs are lines; a short line "（一）…" is a sub-heading.
 * - Figures are live fields `{{key}}` (report-fields.ts) rendered with the current table's values; a
 *   field without a value (no comparable base, no fee records) and an unknown key render as a placeholder
 *   【待填写：…】, as does an empty part that needs text — never a blank.
 * - `findTextWarnings` reads each sentence the way a reader does and warns where a LITERAL number
 *   contradicts the table ("共收到政府信息公开申请530件" while the table says 529; a typed share or growth
 *   figure that does not match), naming the sentence and the field to insert instead. Numbers that come
 *   from fields are never flagged.
 */
import { FORMAT_DOCUMENTS, reportSectionLabel, type ReportFormat, type ReportSectionId } from '@/lib/statistics/layouts';
import { CATEGORY_KEYS, SHARE_BASES, type FieldValues } from '@/lib/reports/report-fields';

export const REPORT_TEXT_PARTS = ['preamble', 'overview', 'proactive', 'applications', 'appeals', 'problems', 'other_matters', 'date'] as const;
export type ReportTextPart = (typeof REPORT_TEXT_PARTS)[number];
export type ReportSections = Readonly<Record<ReportTextPart, string>>;

/** Longest text stored per part (characters): a whole published section 一 is about 6 000. */
export const MAX_PART_LENGTH = 30_000;

export const PLACEHOLDER_OPEN = '【待填写：';
export const PLACEHOLDER_CLOSE = '】';
export const placeholder = (what: string): string => `${PLACEHOLDER_OPEN}${what}${PLACEHOLDER_CLOSE}`;

/** What an empty part prints as ('' = nothing: sections 二–四 are their tables). */
const EMPTY_PART: Readonly<Record<ReportTextPart, string>> = {
  preamble: '前言（报告依据、电子版获取方式和联系方式）',
  overview: '总体情况',
  proactive: '',
  applications: '',
  appeals: '',
  problems: '存在的主要问题及改进情况',
  other_matters: '其他需要报告的事项',
  date: '发布日期',
};

/** The section heading of a part ("一、总体情况"), or null for the preamble and the date. */
export function partHeading(part: ReportTextPart): string | null {
  return part === 'preamble' || part === 'date' ? null : reportSectionLabel(part as ReportSectionId);
}

// ---------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------

const TOKEN = /\{\{\s*([^{}]{1,60}?)\s*\}\}/g;

export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly key: string; readonly text: string }
  /** A placeholder: typed 【待填写：…】, a field without value, an unknown field or an empty part. */
  | { readonly kind: 'placeholder'; readonly text: string; readonly key?: string };

/** The keys of the `{{…}}` tokens in a text, in order. */
export function tokenKeys(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => m[1]);
}

/** A 【待填写…】 placeholder anywhere in a text (typed, or printed for a field without value). */
export const placeholderPattern = (): RegExp => new RegExp(`${PLACEHOLDER_OPEN.slice(0, 1)}待填写[：:]?[^${PLACEHOLDER_CLOSE}]*${PLACEHOLDER_CLOSE}`, 'g');

export function splitPlaceholders(text: string): Segment[] {
  const out: Segment[] = [];
  const re = placeholderPattern();
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    out.push({ kind: 'placeholder', text: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

/** A field's placeholder when it has no value. */
export function missingFieldText(key: string, known: boolean): string {
  if (!known) return placeholder(`未知字段“${key}”`);
  if (key.endsWith('.同比')) return placeholder('同比（无可比的上年数据）');
  return placeholder(key);
}

/** Resolves the tokens of one paragraph into segments. */
export function resolveSegments(text: string, values: FieldValues): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > at) out.push(...splitPlaceholders(text.slice(at, m.index)));
    const key = m[1];
    const known = Object.hasOwn(values, key);
    const value = known ? values[key] : null;
    out.push(value === null || value === undefined ? { kind: 'placeholder', key, text: missingFieldText(key, known) } : { kind: 'field', key, text: value });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(...splitPlaceholders(text.slice(at)));
  return out;
}

export const segmentsText = (segments: readonly Segment[]): string => segments.map((s) => s.text).join('');

// ---------------------------------------------------------------------------------------------------------
// Paragraphs and parts
// ---------------------------------------------------------------------------------------------------------

export interface ResolvedParagraph {
  /** `subheading`: a short "（一）…" line (楷体 in the official layout). */
  readonly kind: 'body' | 'subheading';
  readonly segments: readonly Segment[];
}

export interface ResolvedPart {
  readonly part: ReportTextPart;
  readonly heading: string | null;
  readonly paragraphs: readonly ResolvedParagraph[];
}

const SUBHEADING = /^[（(][一二三四五六七八九十]{1,3}[）)][^。；！？]{1,40}[。]?$/;

/** Lines of a part's text, trimmed, empty lines dropped; NUL and other control characters removed. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function resolvePart(part: ReportTextPart, text: string, values: FieldValues): ResolvedPart {
  const lines = paragraphsOf(text);
  const paragraphs: ResolvedParagraph[] =
    lines.length === 0
      ? EMPTY_PART[part] === ''
        ? []
        : [{ kind: 'body', segments: [{ kind: 'placeholder', text: placeholder(EMPTY_PART[part]) }] }]
      : lines.map((line) => ({ kind: SUBHEADING.test(line) && !line.includes('{{') ? 'subheading' : 'body', segments: resolveSegments(line, values) }));
  return { part, heading: partHeading(part), paragraphs };
}

export function resolveSections(sections: ReportSections, values: FieldValues): ResolvedPart[] {
  return REPORT_TEXT_PARTS.map((part) => resolvePart(part, sections[part] ?? '', values));
}

/** Reads stored JSON into sections: unknown keys dropped, non-strings as '', each part cut to the limit. */
export function normalizeSections(input: unknown): ReportSections {
  const source = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  return Object.fromEntries(
    REPORT_TEXT_PARTS.map((part) => {
      const v = source[part];
      return [part, typeof v === 'string' ? v.replace(/\u0000/g, '').slice(0, MAX_PART_LENGTH) : ''];
    }),
  ) as Record<ReportTextPart, string>;
}

// ---------------------------------------------------------------------------------------------------------
// Title
// ---------------------------------------------------------------------------------------------------------

export function reportTitle(orgName: string, year: number): string {
  return `${orgName}${year}年政府信息公开工作年度报告`;
}

/** Characters of 二号 (22 pt) type on one line of the 156 mm text width. */
export const TITLE_CHARS_PER_LINE = 20;

/** Width in full-width characters (ASCII counts as half). */
export function displayWidth(text: string): number {
  return [...text].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.5), 0);
}

/** Where an organisation's name may break: after these words (longest first). */
const NAME_BREAKS = ['人民政府办公室', '人民政府办公厅', '人民政府', '委员会', '办公室', '办公厅', '管理局', '街道办事处', '市', '区', '县', '省'];

/** Splits a long organisation name into lines of at most `limit` characters at word ends; else by width. */
function breakName(name: string, limit: number): string[] {
  if (displayWidth(name) <= limit) return [name];
  for (const word of NAME_BREAKS) {
    let from = name.length;
    for (;;) {
      const at = name.lastIndexOf(word, from - 1);
      if (at <= 0) break;
      const cut = at + word.length;
      if (cut < name.length && displayWidth(name.slice(0, cut)) <= limit) return [name.slice(0, cut), ...breakName(name.slice(cut), limit)];
      from = at;
    }
  }
  const chars = [...name];
  const head: string[] = [];
  while (chars.length > 0 && displayWidth([...head, chars[0]].join('')) <= limit) head.push(chars.shift()!);
  return [head.join(''), ...breakName(chars.join(''), limit)];
}

/**
 * The title's lines: one line when it fits; else the organisation's name (broken after 人民政府 / 办公室 …
 * when it is itself too long) and "YYYY年政府信息公开工作年度报告" on the next line — never a break inside a
 * word ("…工作年 / 度报告").
 */
export function titleLines(orgName: string, year: number, limit = TITLE_CHARS_PER_LINE): string[] {
  const title = reportTitle(orgName, year);
  if (displayWidth(title) <= limit) return [title];
  return [...breakName(orgName, limit), title.slice(orgName.length)];
}

// ---------------------------------------------------------------------------------------------------------
// The starting text: the seed's wording (平度 2020) with live fields
// ---------------------------------------------------------------------------------------------------------

/** The draft a report starts from when the organisation has no text of last year. */
export function draftSections(format: ReportFormat, options: { hasComparableBase: boolean }): ReportSections {
  const yoy = (key: string) => (options.hasComparableBase ? `，同比{{${key}.同比}}` : '');
  const share = (key: string) => `{{${key}}}件，占总数的{{${key}.${SHARE_BASES.applications_total}}}%`;
  const c = CATEGORY_KEYS;
  const applications =
    `{{年度}}年，共收到政府信息公开申请{{申请总数}}件（包括上年结转{{上年结转}}件）${yoy('申请总数')}。` +
    `其中，予以公开的${share(c.granted)}；部分公开${share(c.partially_granted)}；不予公开${share(c.denied_subtotal)}；` +
    `无法提供的${share(c.unavailable_subtotal)}；不予处理的${share(c.not_processed_subtotal)}；其他处理${share(c.other_subtotal)}；` +
    `转下一年办理的${share(c.carried_forward)}。`;
  const appeals =
    `因政府信息公开引发的行政复议案件共{{行政复议}}件${yoy('行政复议')}，其中维持具体行政行为{{行政复议.结果维持}}件，` +
    `被依法纠错{{行政复议.结果纠正}}件，其他结果{{行政复议.其他结果}}件，尚未审结{{行政复议.尚未审结}}件；` +
    `因政府信息公开引发行政诉讼{{行政诉讼}}件${yoy('行政诉讼')}。其中，维持具体行政行为或者驳回原告诉讼请求的{{行政诉讼.结果维持}}件，` +
    `被依法纠错的{{行政诉讼.结果纠正}}件，其他结果的{{行政诉讼.其他结果}}件，未审结{{行政诉讼.尚未审结}}件。`;
  const is2021 = format === '2021';
  return {
    preamble:
      '根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{{格式文件}}要求，特向社会公布{{年度}}年度政府信息公开工作年度报告。' +
      '本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、' +
      '其他需要报告的事项共六个部分组成。本报告所列数据统计期限自{{年度}}年1月1日起至12月31日止。' +
      placeholder('报告电子版的获取方式；对本报告有疑问时的联系方式（地址、邮编、电话、传真）'),
    overview: [
      placeholder('本年度政府信息公开工作的总体情况'),
      '（一）主动公开',
      placeholder('主动公开政府信息的工作情况'),
      '（二）依申请公开',
      placeholder('依申请公开工作的制度建设和办理情况'),
      applications,
      appeals,
      '（三）政府信息管理',
      placeholder('政府信息管理情况'),
      '（四）政府信息公开平台建设',
      placeholder('政府信息公开平台建设情况'),
      '（五）监督保障',
      placeholder(is2021 ? '监督保障情况（人民政府写明考核、社会评议和责任追究结果）' : '监督保障情况'),
    ].join('\n'),
    proactive: '',
    applications: '',
    appeals: '',
    problems: [placeholder('存在的主要问题'), placeholder('改进情况和下一步工作安排')].join('\n'),
    other_matters: [
      // 信息处理费 (国办函〔2020〕109号, in force from 2021): from the fee notices.
      ...(is2021
        ? ['本年度共发出信息处理费收费通知{{收费通知.件数}}件，金额共计{{收费通知.金额}}元；收取信息处理费{{收取信息处理费.件数}}件，共计{{收取信息处理费.金额}}元。']
        : []),
      placeholder('其他需要报告的事项'),
    ].join('\n'),
    date: '',
  };
}

/** The format notice quoted by a preamble, for a typed (not live) citation of the wrong year's notice. */
export function formatNoticeNumber(format: ReportFormat): string {
  return FORMAT_DOCUMENTS[format].number;
}

// ---------------------------------------------------------------------------------------------------------
// Contradictions between the text and the table
// ---------------------------------------------------------------------------------------------------------

export interface TextWarning {
  readonly part: ReportTextPart;
  /**
   * - `contradiction`: a typed number differs from the table's (`found` vs `expected`, `field` to insert);
   * - `no_base`: a typed year-on-year figure although there is no comparable base last year;
   * - `unknown_field`: a `{{key}}` that is no field of this year's format;
   * - `no_value`: a field without value (e.g. 同比 without base) — printed as 【待填写】;
   * - `literal`: a typed number that agrees with the table today but is no field (it will not follow
   *   the table when the figures change): a hint, not an error.
   */
  readonly kind: 'contradiction' | 'no_base' | 'unknown_field' | 'no_value' | 'literal';
  /** The sentence as typed (tokens included), at most 200 characters. */
  readonly sentence: string;
  readonly found?: string;
  readonly expected?: string;
  readonly field?: string;
  /** Replacing `start`–`end` of the part's text by `replacement` (the field) resolves the warning. */
  readonly fix?: { readonly start: number; readonly end: number; readonly replacement: string };
}

/** Lines of a part's text with their offset; `exact` when cleaning changed nothing (offsets hold). */
function linesOf(text: string): Array<{ line: string; start: number; exact: boolean }> {
  const out: Array<{ line: string; start: number; exact: boolean }> = [];
  const re = /[^\r\n]+/g;
  for (const m of text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const raw = m[0].trim();
    const line = paragraphsOf(raw)[0] ?? '';
    if (line !== '') out.push({ line, start: m.index + lead, exact: line === raw });
  }
  return out;
}

interface Rule {
  readonly re: RegExp;
  /** The field a match speaks of; `subject` is 行政复议 / 行政诉讼 / 申请, the last one named before it. */
  readonly field: (m: RegExpExecArray, subject: Subject) => string | null;
  readonly kind: 'count' | 'percent' | 'yoy' | 'zero';
}

type Subject = '申请' | '行政复议' | '行政诉讼' | null;

const N = '(\\d+)';
const P = '(\\d+(?:\\.\\d+)?)';

const CATEGORY_PATTERNS: ReadonlyArray<[string, string]> = [
  ['(?<!不)予以公开', CATEGORY_KEYS.granted],
  ['部分公开', CATEGORY_KEYS.partially_granted],
  ['不予公开', CATEGORY_KEYS.denied_subtotal],
  ['无法提供', CATEGORY_KEYS.unavailable_subtotal],
  ['不予处理', CATEGORY_KEYS.not_processed_subtotal],
  ['其他处理', CATEGORY_KEYS.other_subtotal],
  ['(?:转下一?年度?|结转下一?年度?)(?:继续)?办理', CATEGORY_KEYS.carried_forward],
];

const APPEAL_RESULTS: ReadonlyArray<[string, string]> = [
  ['维持(?:具体行政行为|原行政行为)?(?:或者?驳回原告诉讼请求)?', '结果维持'],
  ['(?:被依法)?纠错|(?:结果)?纠正', '结果纠正'],
  ['其他结果', '其他结果'],
  ['(?:尚)?未审结', '尚未审结'],
];

const RULES: readonly Rule[] = [
  { re: new RegExp(`收到(?:政府信息公开)?申请(?:共)?${N}件`, 'g'), field: () => '申请总数', kind: 'count' },
  { re: new RegExp(`新收(?:政府信息公开)?申请(?:数量)?(?:共)?${N}件`, 'g'), field: () => '本年新收', kind: 'count' },
  { re: new RegExp(`上年(?:结转|转结)${N}件`, 'g'), field: () => '上年结转', kind: 'count' },
  { re: new RegExp(`办结(?:政府信息公开申请)?(?:共)?${N}件`, 'g'), field: () => '办结总数', kind: 'count' },
  ...CATEGORY_PATTERNS.flatMap(([pattern, key]): Rule[] => [
    { re: new RegExp(`${pattern}(?:的)?${N}件`, 'g'), field: () => key, kind: 'count' },
    {
      re: new RegExp(`${pattern}(?:的)?\\d+件[，,]?占(办结总数|申请总数|总数)的?${P}%`, 'g'),
      field: (m) => `${key}.${m[1] === '办结总数' ? SHARE_BASES.concluded : SHARE_BASES.applications_total}`,
      kind: 'percent',
    },
  ]),
  { re: new RegExp(`行政复议(?:案件)?(?:共)?${N}件`, 'g'), field: () => '行政复议', kind: 'count' },
  { re: new RegExp(`行政诉讼(?:案件)?(?:共)?${N}件`, 'g'), field: () => '行政诉讼', kind: 'count' },
  ...APPEAL_RESULTS.map(([pattern, key]): Rule => ({
    re: new RegExp(`(?:${pattern})(?:的)?${N}件`, 'g'),
    field: (_m, subject) => (subject === '行政复议' || subject === '行政诉讼' ? `${subject}.${key}` : null),
    kind: 'count',
  })),
  {
    re: new RegExp(`同比(?:增长|上升|增加|下降|减少)(?:了)?${P}%`, 'g'),
    field: (_m, subject) => (subject === null ? null : subject === '申请' ? '申请总数.同比' : `${subject}.同比`),
    kind: 'yoy',
  },
  { re: new RegExp(`收费通知(?:共)?${N}件`, 'g'), field: () => '收费通知.件数', kind: 'count' },
  { re: new RegExp(`收取(?:了)?信息处理费(?:共)?${N}件`, 'g'), field: () => '收取信息处理费.件数', kind: 'count' },
  { re: /(?:未|没有)收取(?:任何)?信息处理费/g, field: () => '收取信息处理费.件数', kind: 'zero' },
];

const FULL_WIDTH_DIGIT = /[０-９．％]/g;
const toHalfWidth = (text: string): string =>
  text.replace(FULL_WIDTH_DIGIT, (ch) => (ch === '．' ? '.' : ch === '％' ? '%' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));

/**
 * The last subject named before `index` in `text`, looking back `sentencesBack` sentences at most (0 = only
 * the match's own sentence): "…行政诉讼5件。其中，维持…4件" speaks of 行政诉讼 one sentence back.
 */
function subjectAt(text: string, index: number, sentencesBack: number): Subject {
  const starts = sentences(text).map((s) => s.start).filter((start) => start <= index);
  const from = starts[Math.max(0, starts.length - 1 - sentencesBack)] ?? 0;
  const before = text.slice(from, index);
  const candidates: Array<[Subject, number]> = [
    ['行政复议', before.lastIndexOf('行政复议')],
    ['行政诉讼', before.lastIndexOf('行政诉讼')],
    ['申请', Math.max(before.lastIndexOf('申请'), before.lastIndexOf('收到'))],
  ];
  const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] < 0 ? null : best[0];
}

/** `typed` equals `expected` (one decimal, half-up) at the precision typed: "83" matches 83.0, "83.1" not. */
export function sameFigure(typed: string, expected: string): boolean {
  const t = Number(typed);
  const e = Number(expected);
  if (!Number.isFinite(t) || !Number.isFinite(e)) return false;
  const decimals = typed.includes('.') ? typed.length - typed.indexOf('.') - 1 : 0;
  const tolerance = decimals === 0 ? 0.5 : decimals === 1 ? 0 : 0.05;
  return Math.abs(t - e) <= tolerance + 1e-9;
}

/** Splits a paragraph into sentences (ending with 。；！？), with their start offsets. */
function sentences(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const re = /[^。；！？!?]+[。；！？!?]*/g;
  for (const m of text.matchAll(re)) out.push({ start: m.index, text: m[0] });
  return out;
}

/**
 * Warnings for one part: typed numbers that contradict the table, typed growth figures without a base,
 * unknown fields and fields without value. Each names the sentence (as typed) and the field to use.
 */
export function findTextWarnings(part: ReportTextPart, text: string, values: FieldValues): TextWarning[] {
  const warnings: TextWarning[] = [];
  const seen = new Set<string>();
  const push = (w: TextWarning) => {
    const id = `${w.kind}|${w.sentence}|${w.field ?? ''}|${w.found ?? ''}`;
    if (!seen.has(id)) {
      seen.add(id);
      warnings.push(w);
    }
  };
  for (const { line, start: lineStart, exact } of linesOf(text)) {
    // The paragraph with fields resolved; `live[i]` says whether character i came from a field.
    const segments = resolveSegments(toHalfWidth(line), values);
    let resolved = '';
    const live: boolean[] = [];
    const origin: number[] = []; // offset in the typed line of each resolved character (token start for fields)
    let typedAt = 0;
    const typed = toHalfWidth(line);
    for (const s of segments) {
      if (s.kind === 'text' || (s.kind === 'placeholder' && s.key === undefined)) {
        for (let i = 0; i < s.text.length; i++) {
          live.push(false);
          origin.push(typedAt + i);
        }
        typedAt += s.text.length;
      } else {
        const tokenEnd = typed.indexOf('}}', typedAt) + 2;
        for (let i = 0; i < s.text.length; i++) {
          live.push(true);
          origin.push(typedAt);
        }
        typedAt = tokenEnd > 1 ? tokenEnd : typedAt;
        if (s.kind === 'placeholder' && s.key !== undefined) {
          const known = Object.hasOwn(values, s.key);
          const sentence = sentenceAt(line, typedAt - 1);
          push({ part, kind: known ? 'no_value' : 'unknown_field', sentence, field: s.key });
        }
      }
      resolved += s.text;
    }
    for (const rule of RULES) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(resolved); m !== null; m = rule.re.exec(resolved)) {
        const numberGroup = rule.kind === 'percent' ? 2 : 1;
        const number = rule.kind === 'zero' ? '0' : m[numberGroup];
        const numberIndex = rule.kind === 'zero' ? m.index : m.index + m[0].lastIndexOf(number);
        if (rule.kind !== 'zero' && live[numberIndex]) continue; // a field: always right
        const field = rule.field(m, subjectAt(resolved, m.index, rule.kind === 'yoy' ? 0 : 1));
        if (field === null || !Object.hasOwn(values, field)) continue;
        const expected = values[field];
        const sentence = sentenceAt(line, origin[numberIndex] ?? 0);
        // The typed span the field replaces: the number, or for 同比 the direction and the percentage.
        const spanStart = rule.kind === 'yoy' ? m.index + 2 : numberIndex;
        const spanEnd = rule.kind === 'yoy' ? m.index + m[0].length : numberIndex + number.length;
        const typedSpan = live.slice(spanStart, spanEnd).some(Boolean) ? null : { start: origin[spanStart], end: origin[spanEnd - 1] + 1 };
        const fix =
          exact && typedSpan && rule.kind !== 'zero' && expected !== null
            ? { start: lineStart + typedSpan.start, end: lineStart + typedSpan.end, replacement: `{{${field}}}` }
            : undefined;
        if (expected === null) {
          if (rule.kind === 'yoy') push({ part, kind: 'no_base', sentence, found: `${number}%`, field });
          continue;
        }
        if (rule.kind === 'yoy') {
          const direction = /增长|上升|增加/.test(m[0]) ? '增长' : '下降';
          const ok = expected === '持平' ? Number(number) === 0 : expected.startsWith(direction) && sameFigure(number, expected.slice(2, -1));
          push({ part, kind: ok ? 'literal' : 'contradiction', sentence, found: `${direction}${number}%`, expected, field, fix });
        } else if (rule.kind === 'percent') {
          push({ part, kind: sameFigure(number, expected) ? 'literal' : 'contradiction', sentence, found: `${number}%`, expected: `${expected}%`, field, fix });
        } else if (rule.kind === 'zero') {
          if (expected !== '0') push({ part, kind: 'contradiction', sentence, found: '0', expected, field });
        } else {
          push({ part, kind: number === expected ? 'literal' : 'contradiction', sentence, found: number, expected, field, fix });
        }
      }
    }
  }
  return warnings;
}

/** The typed sentence containing offset `at` of the line, cut to 200 characters. */
function sentenceAt(line: string, at: number): string {
  const list = sentences(line);
  const hit = list.findLast((s) => s.start <= at) ?? list[0];
  const text = (hit?.text ?? line).trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** The warnings that are problems (everything but `literal` hints). */
export const isProblem = (w: TextWarning): boolean => w.kind !== 'literal';

export function findAllWarnings(sections: ReportSections, values: FieldValues): TextWarning[] {
  return REPORT_TEXT_PARTS.flatMap((part) => findTextWarnings(part, sections[part] ?? '', values));
}
