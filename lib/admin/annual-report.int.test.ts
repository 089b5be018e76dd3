import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createActor } from '@/lib/cases/int-fixtures';
import { createFixtureTree, insertFixtureCases, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { resetAnnualTableCache } from '@/lib/statistics/annual-table-cache';
import type { Actor } from '@/lib/cases/actor';
import { renderReportExport } from './annual-report';

/**
 * Exports of the annual table on real cases: refused while a hard check fails (naming the rules), given
 * with warnings only, and not found for an unknown organisation or one outside the caller's subtree.
 */
const PREFIX = `AR${Date.now().toString(36)}`;
let tree: FixtureTree;
let admin: Actor;

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  admin = await createActor('admin', null);
  await insertFixtureCases(db, [
    { orgId: tree.leaf.id, trackingNo: `${PREFIX}-1`, applicantType: 'natural_person', receivedOn: '2025-03-02', concludedOn: '2025-03-20', outcome: 'granted' },
    { orgId: tree.leaf.id, trackingNo: `${PREFIX}-2`, applicantType: 'natural_person', receivedOn: '2025-11-02', concludedOn: null, outcome: null },
  ]);
});

const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as { checks: { rule: string; severity: string }[] };

describe('renderReportExport', () => {
  it('exports a consistent table in every format, with its warnings', async () => {
    resetAnnualTableCache();
    const file = await renderReportExport(admin, { year: 2025, org: tree.root.code, subtree: true, format: 'json' });
    expect(file.contentType).toContain('application/json');
    const json = decode(file.bytes);
    expect(json.checks.filter((c) => c.severity === 'error')).toEqual([]);
    for (const format of ['xlsx', 'csv', 'docx'] as const) {
      const other = await renderReportExport(admin, { year: 2025, org: tree.root.code, subtree: true, format });
      expect(other.bytes.byteLength).toBeGreaterThan(100);
    }
  });

  it('writes the DOCX draft’s percentages on the chosen base and says which', async () => {
    const text = async (base?: 'applications_total' | 'concluded') => {
      const file = await renderReportExport(admin, { year: 2025, org: tree.root.code, subtree: true, format: 'docx', base });
      return (await (await JSZip.loadAsync(file.bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    };
    // 2 applications in 2025, 1 concluded (予以公开): 50% of all, 100% of the concluded.
    expect(await text()).toContain('占总数的50.0%');
    expect(await text('concluded')).toContain('占办结总数的100.0%');
  });

  it('refuses every format while a hard check fails, naming the rules', async () => {
    // Figures of section 二 written outside the app (the form refuses them): a negative count (C5).
    await db.$executeRaw`INSERT INTO proactive_figures (org_id, year, format, data, updated_at)
      VALUES (${tree.mid.id}, 2024, '2021', ${JSON.stringify({ art20_1: { regulations: { issued: -3 } } })}::jsonb, now())`;
    resetAnnualTableCache();
    for (const format of ['xlsx', 'csv', 'json', 'docx'] as const) {
      await expect(renderReportExport(admin, { year: 2024, org: tree.mid.code, subtree: false, format })).rejects.toMatchObject({
        code: 'CONFLICT',
        messageKey: 'report.exports.blocked',
        params: expect.objectContaining({ rules: expect.stringContaining('C5') }),
      });
    }
  });

  it('answers not found for an unknown organisation and for one outside a clerk’s subtree', async () => {
    await expect(renderReportExport(admin, { year: 2025, org: `${PREFIX}-NOPE`, subtree: true, format: 'json' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const clerkElsewhere = await createActor('clerk', { id: tree.other.id, path: tree.other.path });
    await expect(renderReportExport(clerkElsewhere, { year: 2025, org: tree.root.code, subtree: true, format: 'json' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
