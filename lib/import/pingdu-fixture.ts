/**
 * The case file that the seed report implies (平度市人民政府 2020 年政府信息公开工作年度报告,
 * shared/reference/pingdu-2020.json; 2019 format): one case carried over from 2019, 528 received in 2020,
 * 519 concluded in 2020 with the report's outcome per applicant column (its two （六）其他处理 as
 * `other_processing`), and 10 still open on 31 December 2020, some of which are concluded in January 2021.
 * Dates are spread over the year (seeded, reproducible), some on public holidays and weekends, conclusions
 * 0–40 days after receipt. Used by the acceptance test and to try the CLI; not application code.
 */
import { addCalendarDays, isWeekend, type IsoDate } from '@/lib/calendar/iso-date';
import { cnCalendarRows } from '@/lib/calendar/cn-calendar';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { APPLICANT_TYPES, type ApplicantType, type Outcome } from '@/lib/law/ids';
import { seededRandom } from '@/lib/statistics/random-cases.fixture';

/** Section 三 of the seed report (2019 layout), as in pingdu-2020.json: row id → column id → count. */
export type Section3Figures = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface PingduCase {
  readonly trackingNo: string;
  readonly applicantType: ApplicantType;
  readonly receivedOn: IsoDate;
  readonly outcome: Outcome | null;
  readonly concludedOn: IsoDate | null;
}

const INTAKE_AND_TOTAL_ROWS = new Set(['new_received', 'carried_over', 'total_processed', 'carried_forward']);

const CHANNELS = ['online', 'online', 'online', 'post', 'in_person', 'email', 'fax'] as const;
const NAMES: Readonly<Record<ApplicantType, string>> = {
  natural_person: '申请人',
  commercial_enterprise: '有限公司',
  research_institution: '研究所',
  public_welfare_org: '公益协会',
  legal_service_org: '律师事务所',
  other_org: '村民委员会',
};

const HOLIDAYS_2020 = cnCalendarRows()
  .filter((r) => r.kind === 'holiday' && r.date.startsWith('2020-'))
  .map((r) => r.date);

function shuffle<T>(rnd: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** A receipt date in 2020 on or before `latest`: about one in ten on a holiday or weekend. */
function receiptDate(rnd: () => number, latest: IsoDate): IsoDate {
  for (;;) {
    const r = rnd();
    const date =
      r < 0.06
        ? (HOLIDAYS_2020[Math.floor(rnd() * HOLIDAYS_2020.length)] as IsoDate)
        : addCalendarDays('2020-01-01', Math.floor(rnd() * 366));
    if (date > latest) continue;
    // Offices receive mostly on working days; keep some weekend receipts (online, post signed by a guard).
    if (r >= 0.06 && isWeekend(date) && rnd() < 0.7) continue;
    return date;
  }
}

/**
 * The cases behind section 三 of a 2019-layout report year 2020, for the columns' one carried-over case
 * and ten carried-forward ones as in the seed. Works for any figures with the seed's shape: carried_over
 * and carried_forward counts are honoured per column.
 */
export function pingduCases(figures: Section3Figures, prefix: string, seed = 2020): PingduCase[] {
  const rnd = seededRandom(seed);
  const cases: PingduCase[] = [];
  let serial = 0;
  const nextTrackingNo = () => `${prefix}${String(++serial).padStart(4, '0')}`;
  for (const applicantType of APPLICANT_TYPES) {
    const outcomes: Outcome[] = [];
    for (const [row, values] of Object.entries(figures)) {
      if (INTAKE_AND_TOTAL_ROWS.has(row)) continue;
      for (let i = 0; i < (values[applicantType] ?? 0); i++) outcomes.push(row as Outcome);
    }
    shuffle(rnd, outcomes);
    const carriedOver = figures.carried_over?.[applicantType] ?? 0;
    const carriedForward = figures.carried_forward?.[applicantType] ?? 0;
    // Cases from 2019, concluded in January 2020.
    for (let i = 0; i < carriedOver; i++) {
      const outcome = outcomes.pop();
      if (outcome === undefined) throw new RangeError(`${applicantType}: more carried over than concluded`);
      const receivedOn = addCalendarDays('2019-12-16', Math.floor(rnd() * 16));
      cases.push({
        trackingNo: nextTrackingNo(),
        applicantType,
        receivedOn,
        outcome,
        concludedOn: addCalendarDays('2020-01-06', Math.floor(rnd() * 10)),
      });
    }
    // Received and concluded in 2020: conclusion 0–40 days later, before the year ends.
    for (const outcome of outcomes) {
      const receivedOn = receiptDate(rnd, '2020-12-28');
      const concludedOn = addCalendarDays(receivedOn, Math.floor(rnd() * 41));
      cases.push({
        trackingNo: nextTrackingNo(),
        applicantType,
        receivedOn,
        outcome,
        concludedOn: concludedOn > '2020-12-31' ? '2020-12-31' : concludedOn,
      });
    }
    // Open on 31 December 2020: received in December; the first half concluded in January 2021.
    for (let i = 0; i < carriedForward; i++) {
      const receivedOn = addCalendarDays('2020-12-01', Math.floor(rnd() * 31));
      const isConcludedInJanuary = i < Math.ceil(carriedForward / 2);
      cases.push({
        trackingNo: nextTrackingNo(),
        applicantType,
        receivedOn,
        outcome: isConcludedInJanuary ? 'granted' : null,
        concludedOn: isConcludedInJanuary ? addCalendarDays('2021-01-04', Math.floor(rnd() * 20)) : null,
      });
    }
  }
  return shuffle(rnd, cases).sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
}

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The cases as an import file (CSV, UTF-8 with BOM, CRLF), columns in the documented order. */
export function pingduCsv(cases: readonly PingduCase[], orgCode: string, seed = 2020): string {
  const rnd = seededRandom(seed + 1);
  const lines = [CASE_FILE_COLUMNS.join(',')];
  cases.forEach((c, i) => {
    const channel = CHANNELS[Math.floor(rnd() * CHANNELS.length)] ?? 'online';
    lines.push(
      [
        c.trackingNo,
        orgCode,
        c.applicantType,
        `${NAMES[c.applicantType]}${i + 1}`,
        channel,
        c.receivedOn,
        `申请公开"${i % 3 === 0 ? '征地补偿' : i % 3 === 1 ? '规划许可' : '信访答复'}"相关信息, 共${1 + (i % 4)}项`,
        c.outcome ?? '',
        c.concludedOn ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
