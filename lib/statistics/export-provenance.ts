/**
 * What an export is (issue 12 item 4): every file the report exports names the organisation, the scope (仅本机关
 * or 含下级机关 with the number of organisations), the year, when it was generated and the state of the data
 * (the whole year, or "截至2026年12月5日" for a year still in progress). A subtree aggregate and the root's
 * own table must never look alike, and section 二 of an aggregate says that it holds the organisation's own
 * figures only (section 二 is entered per organisation and is not summed). Pure.
 */
export interface ExportProvenance {
  readonly orgName: string;
  readonly orgCode: string;
  /** `subtree` only when the organisation has organisations below it. */
  readonly scope: 'own' | 'subtree';
  /** Organisations counted: 1 for `own`. */
  readonly orgCount: number;
  readonly year: number;
  readonly generatedAt: Date;
  /** The China day the data stands at when the year is not over yet ('YYYY-MM-DD'); null for a past year. */
  readonly asOf: string | null;
}

const CHINA_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026年12月5日" (GB/T 9704 7.3.5.4 style: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** The China day of an instant, 'YYYY-MM-DD', and its time 'HH:MM'. */
export function chinaDayAndTime(instant: Date): { day: string; time: string } {
  const parts = Object.fromEntries(CHINA_TIME.formatToParts(instant).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** `asOf` for a report year: today while the year is not over, else null. */
export function dataStateAsOf(year: number, today: string): string | null {
  return year >= Number(today.slice(0, 4)) ? today : null;
}

export function scopeText(p: Pick<ExportProvenance, 'scope' | 'orgCount'>): string {
  return p.scope === 'subtree' ? `含下级机关（共${p.orgCount}个机关）` : '仅本机关';
}

export function dataStateText(p: Pick<ExportProvenance, 'year' | 'asOf'>): string {
  return p.asOf === null
    ? `${p.year}年度全年数据`
    : `截至${chineseDate(p.asOf)}（${p.year}年度尚未结束，数据仍会变化，不是年度报告的最终数据）`;
}

export function generatedText(p: Pick<ExportProvenance, 'generatedAt'>): string {
  const { day, time } = chinaDayAndTime(p.generatedAt);
  return `${chineseDate(day)} ${time}`;
}

/** The note on section 二 of a subtree aggregate. */
export const SECTION2_OWN_ONLY_NOTE = '第二部分“主动公开政府信息情况”为本机关填报的数据，不含下级机关。';

/** Label–value pairs, in the order every export states them. */
export function provenanceFields(p: ExportProvenance): Array<[string, string]> {
  return [
    ['机关', p.orgName],
    ['机关代码', p.orgCode],
    ['统计范围', scopeText(p)],
    ['年度', `${p.year}年`],
    ['数据状态', dataStateText(p)],
    ['生成时间', generatedText(p)],
  ];
}

/** One line: "机关：…；统计范围：…；…". */
export function provenanceLine(p: ExportProvenance): string {
  return provenanceFields(p)
    .filter(([label]) => label !== '机关代码')
    .map(([label, value]) => `${label}：${value}`)
    .join('；');
}

/** The JSON form (machine-readable as well as the Chinese texts). */
export function provenanceJson(p: ExportProvenance): Record<string, unknown> {
  return {
    org: p.orgCode,
    orgName: p.orgName,
    scope: p.scope,
    scopeText: scopeText(p),
    orgCount: p.orgCount,
    year: p.year,
    dataState: p.asOf === null ? 'final_year' : 'in_progress',
    asOf: p.asOf,
    dataStateText: dataStateText(p),
    generatedAt: p.generatedAt.toISOString(),
    section2Scope: 'own',
    ...(p.scope === 'subtree' ? { section2Note: SECTION2_OWN_ONLY_NOTE } : {}),
  };
}
