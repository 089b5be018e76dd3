import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { createActor, ensureTestEncryptionKey } from '@/lib/cases/int-fixtures';
import { createFixtureTree, insertFixtureCases, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { listQualityCases, loadDataQuality } from './data-quality';

/** Issue 12 item 8: the year selector applies to every check; implausible applicant types are flagged. */
const PREFIX = `DQ${Date.now().toString(36)}`.toUpperCase();
const TODAY = '2026-12-05';
let tree: FixtureTree;
let admin: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  tree = await createFixtureTree(db, PREFIX);
  admin = await createActor('admin', null);
  await insertFixtureCases(db, [
    // outcome without conclusion date, received 2023 and still open: counts in 2023–2026, not in 2022
    { orgId: tree.leaf.id, trackingNo: `${PREFIX}-open`, applicantType: 'natural_person', receivedOn: '2023-05-06', concludedOn: null, outcome: 'granted' },
    // law firm stored as other organisation, concluded 2024
    { orgId: tree.leaf.id, trackingNo: `${PREFIX}-firm`, applicantType: 'other_org', receivedOn: '2024-02-01', concludedOn: '2024-02-20', outcome: 'granted' },
    // law firm stored correctly
    { orgId: tree.leaf.id, trackingNo: `${PREFIX}-ok`, applicantType: 'legal_service_org', receivedOn: '2024-03-01', concludedOn: '2024-03-20', outcome: 'granted' },
  ]);
  await db.$executeRaw`UPDATE cases SET applicant_name = '示范市正义律师事务所' WHERE tracking_no IN (${`${PREFIX}-firm`}, ${`${PREFIX}-ok`})`;
});

const counts = async (year: number) => (await loadDataQuality(admin, { orgCode: tree.root.code, subtree: true, year, today: TODAY })).counts;

describe('data quality by year', () => {
  it('counts a case only in the years whose table it counts in', async () => {
    expect((await counts(2022)).outcome_without_conclusion).toBe(0);
    expect((await counts(2023)).outcome_without_conclusion).toBe(1);
    expect((await counts(2026)).outcome_without_conclusion).toBe(1);
    expect((await counts(2023)).applicant_type_implausible).toBe(0);
    expect((await counts(2024)).applicant_type_implausible).toBe(1);
    expect((await counts(2025)).applicant_type_implausible).toBe(0);
  });

  it('lists the same cases as it counts, for the chosen year', async () => {
    const list = await listQualityCases(admin, { orgCode: tree.root.code, subtree: true, check: 'applicant_type_implausible', today: TODAY, year: 2024 });
    expect(list.items.map((c) => c.trackingNo)).toEqual([`${PREFIX}-firm`]);
    expect((await listQualityCases(admin, { orgCode: tree.root.code, subtree: true, check: 'applicant_type_implausible', today: TODAY, year: 2025 })).total).toBe(0);
  });
});
