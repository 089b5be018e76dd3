/**
 * Fixtures for the statistics integration tests: a small organisation tree and random cases/appeals
 * (seeded, reproducible), inserted in bulk so the SQL loader can be compared with the in-memory reference
 * count-cases.ts on the same data. Not imported by application code.
 */
import { addCalendarDays, type IsoDate } from '@/lib/calendar/iso-date';
import type { Tx } from '@/lib/db';
import { createOrganisation, type CreatedOrganisation } from '@/lib/import/organisations';
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Outcome } from '@/lib/law/ids';
import type { AppealForCounting, CaseForCounting } from '@/lib/statistics/count-cases';
import { SECTION4_BLOCK_IDS } from '@/lib/statistics/layouts';

/** mulberry32: a small seeded PRNG, so a failing run can be reproduced. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;

export interface FixtureTree {
  readonly root: CreatedOrganisation;
  readonly mid: CreatedOrganisation;
  readonly leaf: CreatedOrganisation;
  readonly other: CreatedOrganisation;
  readonly all: readonly CreatedOrganisation[];
}

/** root → mid → leaf, and root → other; codes prefixed so each test file has its own organisations. */
export async function createFixtureTree(client: Pick<Tx, '$queryRaw'>, prefix: string): Promise<FixtureTree> {
  const root = await createOrganisation(client, {
    code: `${prefix}-ROOT`,
    name: `${prefix} 市政府`,
    kind: 'government_office',
  });
  const mid = await createOrganisation(client, { code: `${prefix}-MID`, name: `${prefix} 局`, parentId: root.id });
  const leaf = await createOrganisation(client, { code: `${prefix}-LEAF`, name: `${prefix} 科`, parentId: mid.id });
  const other = await createOrganisation(client, {
    code: `${prefix}-OTHER`,
    name: `${prefix} 镇`,
    parentId: root.id,
    kind: 'town',
  });
  return { root, mid, leaf, other, all: [root, mid, leaf, other] };
}

export interface FixtureCase extends CaseForCounting {
  readonly orgId: number;
  readonly trackingNo: string;
}

/** Receipt dates cluster on year boundaries so the edge days (31 Dec, 1 Jan) are always exercised. */
function randomDate(rnd: () => number, fromYear: number, toYear: number): IsoDate {
  const year = fromYear + Math.floor(rnd() * (toYear - fromYear + 1));
  const r = rnd();
  if (r < 0.08) return `${year}-12-31`;
  if (r < 0.16) return `${year}-01-01`;
  if (r < 0.22) return `${year}-12-${String(20 + Math.floor(rnd() * 11)).padStart(2, '0')}`;
  return addCalendarDays(`${year}-01-01`, Math.floor(rnd() * 365));
}

export function randomCases(rnd: () => number, n: number, orgIds: readonly number[], prefix: string): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (let i = 0; i < n; i++) {
    const applicantType: ApplicantType = rnd() < 0.6 ? 'natural_person' : pick(rnd, APPLICANT_TYPES);
    const isUnconfirmed = rnd() < 0.05;
    const receivedOn = isUnconfirmed ? null : randomDate(rnd, 2018, 2023);
    let concludedOn: IsoDate | null = null;
    let outcome: Outcome | null = null;
    if (receivedOn !== null && rnd() < 0.85) {
      const r = rnd();
      // same day, or up to ~80 days later (crossing 31 December often); some exactly on 1 January
      concludedOn = r < 0.1 ? receivedOn : addCalendarDays(receivedOn, Math.floor(rnd() * 80));
      if (r > 0.95) concludedOn = `${Number(receivedOn.slice(0, 4)) + 1}-01-01`;
      outcome = pick(rnd, OUTCOMES);
    }
    cases.push({
      orgId: pick(rnd, orgIds),
      trackingNo: `${prefix}-${i}`,
      applicantType,
      receivedOn,
      concludedOn,
      outcome,
    });
  }
  return cases;
}

/** Bulk insert (one statement) of fixture cases: status follows from the dates. */
export async function insertFixtureCases(
  client: Pick<Tx, '$executeRaw'>,
  cases: readonly FixtureCase[],
): Promise<void> {
  if (cases.length === 0) return;
  await client.$executeRaw`
    INSERT INTO cases (id, tracking_no, source, org_id, applicant_type, applicant_name, description, channel,
                       received_on, status, outcome, concluded_on, updated_at)
    SELECT gen_random_uuid(), u.tracking_no, 'staff', u.org_id, u.applicant_type::"ApplicantType", '测试申请人', '测试',
           'in_person', u.received_on,
           (CASE WHEN u.received_on IS NULL THEN 'pending_confirmation'
                 WHEN u.concluded_on IS NULL THEN 'in_progress' ELSE 'answered' END)::"CaseStatus",
           u.outcome::"Outcome", u.concluded_on, now()
    FROM unnest(${cases.map((c) => c.trackingNo)}::text[], ${cases.map((c) => c.orgId)}::int[],
                ${cases.map((c) => c.applicantType)}::text[], ${cases.map((c) => c.receivedOn)}::date[],
                ${cases.map((c) => c.outcome)}::text[], ${cases.map((c) => c.concludedOn)}::date[])
         AS u(tracking_no, org_id, applicant_type, received_on, outcome, concluded_on)`;
}

export interface FixtureAppeal extends AppealForCounting {
  readonly orgId: number;
}

export function randomAppeals(rnd: () => number, n: number, orgIds: readonly number[]): FixtureAppeal[] {
  const appeals: FixtureAppeal[] = [];
  for (let i = 0; i < n; i++) {
    const filedOn = randomDate(rnd, 2019, 2022);
    const isDecided = rnd() < 0.7;
    appeals.push({
      orgId: pick(rnd, orgIds),
      block: pick(rnd, SECTION4_BLOCK_IDS),
      filedOn,
      decidedOn: isDecided ? addCalendarDays(filedOn, Math.floor(rnd() * 200)) : null,
      result: isDecided ? pick(rnd, ['upheld', 'corrected', 'other'] as const) : null,
    });
  }
  return appeals;
}

export async function insertFixtureAppeals(
  client: Pick<Tx, '$executeRaw'>,
  appeals: readonly FixtureAppeal[],
): Promise<void> {
  if (appeals.length === 0) return;
  await client.$executeRaw`
    INSERT INTO appeals (id, org_id, kind, filed_on, body, result, decided_on)
    SELECT gen_random_uuid(), u.org_id, u.kind::"AppealKind", u.filed_on, '复议机关', coalesce(u.result, 'pending')::"AppealResult", u.decided_on
    FROM unnest(${appeals.map((a) => a.orgId)}::int[], ${appeals.map((a) => a.block)}::text[],
                ${appeals.map((a) => a.filedOn)}::date[], ${appeals.map((a) => a.result)}::text[],
                ${appeals.map((a) => a.decidedOn)}::date[]) AS u(org_id, kind, filed_on, result, decided_on)`;
}
