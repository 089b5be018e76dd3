/**
 * The demo seed (lib/seed/seed-demo.ts) on a real PostgreSQL: a 52-case demo city on a fixed day (the first
 * 52 of the plan hold three 补正 lapses, two online and one registered by staff) creates every planned case —
 * the lapses included, whose notice delivery is recorded first (the guard correction_notice_delivered) — and
 * writes each case in one transaction with all its steps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { ensureTestEncryptionKey } from '@/lib/cases/int-fixtures';
import { TRANSITIONS } from '@/lib/cases/workflow';
import { seedDemo } from '@/lib/seed/seed-demo';
import { DEMO_ORGS } from '@/lib/seed/demo-data';
import { recordStatements } from '@/test/sql-statements';

const logs: string[] = [];
let created = 0;
let transactions = 0;

beforeAll(async () => {
  ensureTestEncryptionKey();
  const sql = recordStatements();
  created = await seedDemo((l) => logs.push(l), { today: '2026-12-05', total: 52 });
  transactions = sql.stop().filter((s) => s === 'BEGIN').length;
}, 180_000);

const demoCases = () => db.case.findMany({ where: { org: { code: { in: DEMO_ORGS.map((o) => o.code) } } }, select: { id: true, source: true, status: true } });

describe('the demo seed', () => {
  it('creates every planned case, none skipped', async () => {
    expect(logs.filter((l) => l.includes('skipped'))).toEqual([]);
    expect(created).toBe(52);
    expect(await demoCases()).toHaveLength(52);
  });

  it('records the 补正告知书 delivery before it lapses a staff-registered case (regulations.md §15)', async () => {
    const lapsed = await db.case.findMany({
      where: { org: { code: { in: DEMO_ORGS.map((o) => o.code) } }, events: { some: { type: TRANSITIONS.lapse_correction.event } } },
      select: { source: true, status: true, events: { orderBy: { id: 'asc' }, select: { type: true, data: true } }, deliveries: { select: { method: true, document: { select: { type: true } } } } },
    });
    expect(lapsed.filter((c) => c.source === 'staff')).toHaveLength(1);
    expect(lapsed.filter((c) => c.source === 'portal')).toHaveLength(2);
    for (const c of lapsed) {
      expect(c.status).toBe('closed');
      const types = c.events.map((e) => e.type);
      expect(types.indexOf(TRANSITIONS.record_notice_delivery.event)).toBeGreaterThan(types.indexOf(TRANSITIONS.request_correction.event));
      expect(types.indexOf(TRANSITIONS.lapse_correction.event)).toBeGreaterThan(types.indexOf(TRANSITIONS.record_notice_delivery.event));
      expect(c.deliveries.map((d) => d.document?.type)).toEqual(['correction_notice']);
      expect(c.deliveries[0].method).toBe(c.source === 'staff' ? 'post' : 'online_download');
    }
  });

  it('writes a case in one transaction with its steps (an online application: its submission, then the rest)', async () => {
    const cases = await demoCases();
    const online = cases.filter((c) => c.source === 'portal').length;
    // Setup (organisations, accounts, calendar) takes a few; one per step would be about seven per case.
    expect(transactions).toBeLessThanOrEqual(cases.length + online + 5);
    const events = await db.caseEvent.count({ where: { caseId: { in: cases.map((c) => c.id) } } });
    expect(events).toBeGreaterThan(3 * cases.length);
  });
});
