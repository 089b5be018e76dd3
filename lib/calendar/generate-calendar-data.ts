/**
 * Regenerates lib/calendar/cn-holidays.json from the npm package `chinese-days` (maintained transcription
 * of the 国务院办公厅 部分节假日安排 notices). Run from the repo root: `npx tsx lib/calendar/generate-calendar-data.ts`.
 *
 * The committed JSON, not the package, is what the app loads (and seeds into the editable calendar table),
 * so a package update can never silently move a deadline: regenerate, review the diff, run the tests.
 * Only days off and make-up workdays are kept; the package's `inLieuDays` (which days off are 调休 rather
 * than statutory) does not affect counting and is dropped.
 *
 * Each date is filed under its own calendar year, so "year Y loaded" means every date of Y is known.
 * Consequence: 2022-12-31 (a day off of the 2023 New Year holiday, 2023 notice) sits in the 2022 block.
 *
 * A year the package does not have (2027 at v1.5.7) must be added by hand from the official notice text,
 * with its source; never guess dates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Notice(s) each year's dates come from (as cited by chinese-days, cross-checked with regulations.md §14). */
const SOURCES: Record<number, string> = {
  2019:
    '国务院办公厅关于2019年部分节假日安排的通知 (2018-12-06) http://www.gov.cn/xinwen/2018-12/06/content_5346287.htm; ' +
    '劳动节 changed by 国务院办公厅关于调整2019年劳动节假期安排的通知 (2019-03-22) http://www.gov.cn/zhengce/content/2019-03/22/content_5375877.htm',
  2020:
    '国务院办公厅关于2020年部分节假日安排的通知 (2019-11-21) http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm; ' +
    '春节 extended to 02-02 (the 02-01 make-up Saturday cancelled) by 国务院办公厅关于延长2020年春节假期的通知 (2020-01-27) http://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm',
  2021: '国务院办公厅关于2021年部分节假日安排的通知 (2020-11-25) http://www.gov.cn/zhengce/content/2020-11/25/content_5564127.htm',
  2022:
    '国务院办公厅关于2022年部分节假日安排的通知 (2021-10-25) http://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm; ' +
    '12-31 from the 2023 notice (2022-12-08) http://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm',
  2023: '国务院办公厅关于2023年部分节假日安排的通知 (2022-12-08) http://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm',
  2024: '国务院办公厅关于2024年部分节假日安排的通知 国办发明电〔2023〕7号 (2023-10-25) https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
  2025: '国务院办公厅关于2025年部分节假日安排的通知 国办发明电〔2024〕12号 (2024-11-12) https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
  2026: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04) https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
};

/** The package's English holiday name → our code (lib/calendar/working-days.ts HOLIDAY_NAMES). */
const NAME_CODES: Record<string, string> = {
  "New Year's Day": 'new_year',
  'Spring Festival': 'spring_festival',
  'Tomb-sweeping Day': 'qingming',
  'Labour Day': 'labour_day',
  'Dragon Boat Festival': 'dragon_boat',
  'Mid-autumn Festival': 'mid_autumn',
  'National Day': 'national_day',
};

interface PackageYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function toEntries(days: Record<string, string>): { date: string; name: string }[] {
  return Object.entries(days)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, label]) => {
      const english = label.split(',')[0];
      const name = NAME_CODES[english];
      if (!name) throw new Error(`Unknown holiday name "${label}" on ${date}`);
      return { date, name };
    });
}

/** Pretty JSON with one `{ date, name }` entry per line, so a review diff shows one line per changed day. */
function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/\{\s+"date": ("[^"]+"),\s+"name": ("[^"]+")\s+\}/g, '{ "date": $1, "name": $2 }')}\n`;
}

function main(): void {
  const packageDir = path.resolve(process.cwd(), 'node_modules/chinese-days');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const years: Record<string, { source: string; holidays: { date: string; name: string }[]; workdays: { date: string; name: string }[] }> = {};
  for (const [yearText, source] of Object.entries(SOURCES)) {
    const file = path.join(packageDir, 'dist/years', `${yearText}.json`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as PackageYear;
    years[yearText] = { source, holidays: toEntries(data.holidays), workdays: toEntries(data.workdays) };
  }
  const out = { generatedFrom: `chinese-days@${version}`, years };
  const target = path.resolve(process.cwd(), 'lib/calendar/cn-holidays.json');
  writeFileSync(target, formatJson(out));
  console.log(`Wrote ${target}: years ${Object.keys(years).join(', ')}`);
}

main();
