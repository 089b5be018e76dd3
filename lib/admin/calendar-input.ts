/**
 * Reading a year's holiday arrangement as an admin enters it (pure, no I/O): either a small CSV
 * (`date,kind,name`, one day a line) or the text of the 国务院办公厅 notice on 部分节假日安排 pasted as it is
 * published ("二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、
 * 2月8日（周六）上班。"). The result is calendar rows for lib/calendar/load-calendar.ts importCalendarYear,
 * which validates them again (dates inside the year, no duplicates) and writes them with an audit entry.
 *
 * Why parse the notice at all: the dates can only be loaded, never computed (regulations.md §14), and the
 * notice is what the admin has in hand; typing 30 dates by hand is where mistakes happen. The parser only
 * reads what the text says: a range "M月D日至[M月]D日" or a single day before 放假 is a run of days off, every
 * date in a sentence that ends in 上班 is a make-up workday. It never infers a day the text does not name.
 */
import { addCalendarDays, isIsoDate, type IsoDate } from '@/lib/calendar/iso-date';
import { HOLIDAY_NAMES, isNoticeDate, type CalendarDayKind, type CalendarRow } from '@/lib/calendar/working-days';

/** A problem in the input, with its 1-based line number; `code` is a message key suffix (admin.holidays.parse.*). */
export interface CalendarInputIssue {
  readonly line: number;
  readonly code: 'invalid_date' | 'invalid_kind' | 'date_outside_year' | 'duplicate_date' | 'conflict' | 'no_dates' | 'too_many_columns';
  readonly value: string;
}

export interface CalendarInputResult {
  readonly rows: readonly CalendarRow[];
  readonly issues: readonly CalendarInputIssue[];
}

/** Chinese holiday names of the notices → the codes the seed uses (HOLIDAY_NAMES); the UI translates codes. */
const HOLIDAY_CODES: ReadonlyArray<readonly [string, (typeof HOLIDAY_NAMES)[number]]> = [
  ['元旦', 'new_year'],
  ['春节', 'spring_festival'],
  ['清明', 'qingming'],
  ['劳动节', 'labour_day'],
  ['端午', 'dragon_boat'],
  ['国庆', 'national_day'],
  ['中秋', 'mid_autumn'],
];

/** English names as the admin UI shows them, so an edited English label maps back to its code. */
const HOLIDAY_CODES_EN: ReadonlyArray<readonly [string, (typeof HOLIDAY_NAMES)[number]]> = [
  ['new year', 'new_year'],
  ['spring festival', 'spring_festival'],
  ['qingming', 'qingming'],
  ['labour day', 'labour_day'],
  ['dragon boat', 'dragon_boat'],
  ['national day', 'national_day'],
  ['mid-autumn', 'mid_autumn'],
];

/**
 * The code of the first holiday named in `text` ("国庆节、中秋节" → national_day; "Spring Festival" →
 * spring_festival; a code stays a code), or the trimmed text itself (free text an admin typed).
 */
export function holidayCode(text: string): string {
  const name = text.trim();
  if ((HOLIDAY_NAMES as readonly string[]).includes(name)) return name;
  const lower = name.toLowerCase();
  const hits = [...HOLIDAY_CODES, ...HOLIDAY_CODES_EN]
    .map(([label, code]) => ({ code, at: lower.indexOf(label) }))
    .filter((h) => h.at >= 0)
    .sort((a, b) => a.at - b.at);
  return hits[0]?.code ?? name;
}

const KIND_WORDS: Readonly<Record<string, CalendarDayKind>> = {
  holiday: 'holiday',
  '放假': 'holiday',
  '休': 'holiday',
  '节假日': 'holiday',
  workday: 'workday',
  '上班': 'workday',
  '班': 'workday',
  '调休上班': 'workday',
};

/** `2027-1-1`, `2027/01/01`, `2027年1月1日` → `2027-01-01`; null when it is not a real date. */
export function normaliseDate(raw: string): IsoDate | null {
  const m = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?$/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '，' || ch === '\t') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/** Adds rows, reporting duplicates and a day that would be both a day off and a workday. */
class RowCollector {
  readonly rows: CalendarRow[] = [];
  readonly issues: CalendarInputIssue[] = [];
  private readonly byDate = new Map<IsoDate, CalendarRow>();

  constructor(private readonly year: number) {}

  add(line: number, date: IsoDate, kind: CalendarDayKind, name: string): void {
    if (!isNoticeDate(date, this.year)) {
      this.issues.push({ line, code: 'date_outside_year', value: date });
      return;
    }
    const existing = this.byDate.get(date);
    if (existing) {
      this.issues.push({ line, code: existing.kind === kind ? 'duplicate_date' : 'conflict', value: date });
      return;
    }
    const row: CalendarRow = { date, kind, name };
    this.byDate.set(date, row);
    this.rows.push(row);
  }

  result(): CalendarInputResult {
    return { rows: [...this.rows].sort((a, b) => (a.date < b.date ? -1 : 1)), issues: this.issues };
  }
}

/**
 * CSV `date,kind,name` (a header line is skipped; kind = holiday|workday or 放假|上班; name optional).
 * Blank lines and lines starting with # are ignored.
 */
export function parseCalendarCsv(text: string, year: number): CalendarInputResult {
  const collector = new RowCollector(year);
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '' || raw.trim().startsWith('#')) return;
      const fields = splitCsvLine(raw);
      if (index === 0 && /^date$|^日期$/i.test(fields[0] ?? '')) return;
      if (fields.length > 3) {
        collector.issues.push({ line, code: 'too_many_columns', value: raw.trim() });
        return;
      }
      const [dateText = '', kindText = '', name = ''] = fields;
      const date = normaliseDate(dateText);
      if (!date) {
        collector.issues.push({ line, code: 'invalid_date', value: dateText });
        return;
      }
      const kind = KIND_WORDS[kindText.toLowerCase()];
      if (!kind) {
        collector.issues.push({ line, code: 'invalid_kind', value: kindText });
        return;
      }
      collector.add(line, date, kind, name === '' ? '' : holidayCode(name));
    });
  return collector.result();
}

/** Dates of one clause of the notice: explicit "M月D日", and "至D日" which keeps the month before it. */
function datesIn(clause: string, year: number): Array<{ date: IsoDate | null; text: string; index: number; isRangeEnd: boolean }> {
  const found: Array<{ date: IsoDate | null; text: string; index: number; isRangeEnd: boolean }> = [];
  let month: number | null = null;
  let y = year;
  const pattern = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;
  for (let m = pattern.exec(clause); m !== null; m = pattern.exec(clause)) {
    if (m[1]) y = Number(m[1]);
    if (m[2]) month = Number(m[2]);
    if (month === null) continue;
    const iso = `${y}-${String(month).padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    const before = clause.slice(0, m.index).trimEnd();
    found.push({ date: isIsoDate(iso) ? iso : null, text: m[0], index: m.index, isRangeEnd: /至$|到$|[-—~～]$/.test(before) });
  }
  return found;
}

/**
 * The pasted notice: one holiday per line or numbered item ("一、元旦：…"). In each item, the text before
 * the first colon names the holiday; sentences with 放假 give the days off (a "至" range or single days),
 * sentences with 上班 give the make-up workdays. Parenthesised remarks (（周四）, （农历除夕、周二）) are
 * ignored. Lines without a date (the notice's preamble) are skipped; a line that mentions 放假 or 上班
 * but yields no date is reported.
 */
export function parseHolidayNotice(text: string, year: number): CalendarInputResult {
  const collector = new RowCollector(year);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const cleaned = raw.replace(/（[^）]*）|\([^)]*\)/g, '').trim();
    if (cleaned === '') return;
    // Several items may share one line when pasted from a web page: split on 一、二、… item numbers.
    const items = cleaned.split(/(?=[一二三四五六七八九十]+、)/);
    for (const item of items) {
      const colon = item.search(/[：:]/);
      const label = colon >= 0 ? item.slice(0, colon).replace(/^[一二三四五六七八九十]+、/, '') : '';
      const body = colon >= 0 ? item.slice(colon + 1) : item;
      const name = holidayCode(label);
      const sentences = body.split(/[。；;]/);
      let yielded = false;
      for (const sentence of sentences) {
        const isOff = sentence.includes('放假') || sentence.includes('休息');
        const isWork = sentence.includes('上班');
        if (!isOff && !isWork) continue;
        const dates = datesIn(sentence, year);
        for (const d of dates) {
          if (!d.date) collector.issues.push({ line, code: 'invalid_date', value: d.text });
        }
        if (isWork && !isOff) {
          for (const d of dates) if (d.date) collector.add(line, d.date, 'workday', name);
          yielded ||= dates.length > 0;
          continue;
        }
        // Days off: a date followed by a range end is the start of a range; other dates are single days.
        for (let i = 0; i < dates.length; i += 1) {
          const start = dates[i];
          if (!start?.date) continue;
          const next = dates[i + 1];
          if (next?.isRangeEnd && next.date) {
            // "12月31日至1月2日" without years: the range starts in December of the previous year.
            const from = start.date > next.date && start.date.slice(5, 7) === '12' ? `${Number(start.date.slice(0, 4)) - 1}${start.date.slice(4)}` : start.date;
            for (let day = from; day <= next.date; day = addCalendarDays(day, 1)) collector.add(line, day, 'holiday', name);
            i += 1;
          } else if (!start.isRangeEnd) {
            collector.add(line, start.date, 'holiday', name);
          }
        }
        yielded ||= dates.length > 0;
      }
      if (!yielded && colon >= 0 && /放假|上班/.test(body)) collector.issues.push({ line, code: 'no_dates', value: item.slice(0, 40) });
    }
  });
  return collector.result();
}

/** CSV when the text looks like one (an ISO-ish date at the start of a line), the notice otherwise. */
export function parseCalendarInput(text: string, year: number): CalendarInputResult {
  const isCsv = /^\s*(?:\uFEFF)?(?:date\b|日期|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})/im.test(text);
  return isCsv ? parseCalendarCsv(text, year) : parseHolidayNotice(text, year);
}

/**
 * Which years need attention on the holidays page, given the loaded years and today: the current year
 * (deadlines running now) and the next one (20 working days reach into it from early December). Until its
 * notice is imported such a year is provisional (statutory holidays only, dates marked 暂定). The State
 * Council usually publishes the next year's notice in October–December, so the next year is listed all
 * year and becomes `isUrgent` — the reminder on the admin home page — from November (issue 9 item 6).
 */
/** Month from which admins are reminded of a missing next-year notice on the admin home page. */
export const REMINDER_FROM_MONTH = 11;

export function missingCalendarYears(
  loadedYears: readonly number[],
  today: IsoDate,
): Array<{ year: number; isUrgent: boolean }> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const loaded = new Set(loadedYears);
  const missing: Array<{ year: number; isUrgent: boolean }> = [];
  if (!loaded.has(year)) missing.push({ year, isUrgent: true });
  if (!loaded.has(year + 1)) missing.push({ year: year + 1, isUrgent: month >= REMINDER_FROM_MONTH });
  return missing;
}
