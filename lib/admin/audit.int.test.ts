/**
 * The audit trail on a real PostgreSQL: recordAudit commits and rolls back with the change it records; the
 * admin view filters by actor, action (type or area), date range and target, pages by keyset without
 * repeats or gaps, refuses non-admins, and its export is itself recorded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { createActor, createOrgTree } from '@/lib/cases/int-fixtures';
import { exportAuditEvents, listAuditEvents, recordAudit } from '@/lib/admin/audit';
import { auditCsv, auditXlsx } from '@/lib/admin/audit-export';
import { flatKeys, messagesFor } from '@/lib/i18n/catalogue';
import { AUDIT_TYPES } from '@/lib/admin/audit';
import { openUserIdentifiers, userIdentifierData } from '@/lib/privacy/personal-data';

let admin: Actor;
let clerk: Actor;
let marker: string;

const label = (key: string, params: Record<string, string | number> = {}) => {
  const zh = messagesFor('zh-CN') as Record<string, unknown>;
  const value = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), zh);
  return typeof value === 'string' ? value.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : key;
};

beforeAll(async () => {
  const orgs = await createOrgTree();
  admin = await createActor('admin', null, '审计管理员');
  clerk = await createActor('clerk', orgs.dept, '经办人');
  marker = `M${Date.now()}`;
  // 60 events over three days, by two actors and the system.
  for (let i = 0; i < 60; i++) {
    const day = ['2026-03-02', '2026-03-03', '2026-03-04'][i % 3];
    await recordAudit({
      actorId: i % 5 === 0 ? null : i % 2 ? clerk.id : admin.id,
      type: i % 4 === 0 ? 'export.quality' : i % 4 === 1 ? 'auth.sign_in_failed' : i % 4 === 2 ? 'user.changed' : 'auth.sign_in',
      data: { marker, i, caseId: i === 7 ? `case-${marker}` : undefined },
      occurredAt: new Date(`${day}T10:00:00+08:00`),
    });
  }
});

async function all(filters: Parameters<typeof listAuditEvents>[1]) {
  const seen: string[] = [];
  let before: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(admin, { ...filters }, { before, limit: 7 });
    seen.push(...page.items.map((r) => r.id));
    before = page.nextBefore;
  } while (before);
  return seen;
}

describe('audit trail', () => {
  it('commits and rolls back with the transaction it is written in', async () => {
    const type = `test.rollback_${marker}`;
    await db
      .$transaction(async (tx) => {
        await recordAudit({ actorId: admin.id, type, data: {} }, tx);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await db.auditEvent.count({ where: { type } })).toBe(0);
    await db.$transaction((tx) => recordAudit({ actorId: admin.id, type, data: { ok: true } }, tx));
    expect(await db.auditEvent.count({ where: { type } })).toBe(1);
  });

  it('pages newest first by keyset, without repeats or gaps', async () => {
    const ids = await all({ target: marker });
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect([...ids].sort((a, b) => Number(BigInt(b) - BigInt(a)))).toEqual(ids);
  });

  it('filters by actor, action, area, date range and target', async () => {
    expect(await all({ target: marker, actor: 'system' })).toHaveLength(12);
    expect((await all({ target: marker, actor: '经办人' })).length).toBe(24);
    // Identifiers are encrypted: a whole e-mail address finds its user (blind index), a part of one does not.
    const stored = await db.user.findUniqueOrThrow({ where: { id: clerk.id }, select: { emailEnc: true, mobileEnc: true } });
    const email = openUserIdentifiers(stored).email!;
    expect((await all({ target: marker, actor: email.toUpperCase() })).length).toBe(24);
    expect(await all({ target: marker, actor: email.slice(0, 12) })).toHaveLength(0);
    expect(await all({ target: marker, type: 'export.quality' })).toHaveLength(15);
    expect(await all({ target: marker, type: 'auth.' })).toHaveLength(30);
    expect(await all({ target: marker, from: '2026-03-03', to: '2026-03-03' })).toHaveLength(20);
    expect(await all({ target: marker, from: '2026-03-03' })).toHaveLength(40);
    const one = await listAuditEvents(admin, { target: `case-${marker}` });
    expect(one.items.map((r) => r.data.i)).toEqual([7]);
    // Wildcards in the filters are literal text.
    expect(await all({ target: `${marker}%` })).toHaveLength(0);
  });

  it('finds an account by its whole mobile number too, and the events about it (failed sign-ins, resets) by target', async () => {
    const mobile = `139${String(Date.now()).slice(-8)}`;
    const user = await db.user.create({ data: { role: 'clerk', name: `M-${marker}`, ...userIdentifierData(mobile), passwordHash: 'x' }, select: { id: true } });
    const about = `about-${marker}`;
    await recordAudit({ actorId: user.id, type: 'auth.sign_in', data: { about } });
    await recordAudit({ actorId: null, type: 'auth.sign_in_failed', data: { about, userId: user.id, identifier: '139****0000' } });
    await recordAudit({ actorId: admin.id, type: 'user.password_reset', data: { about, userId: user.id } });
    await recordAudit({ actorId: admin.id, type: 'user.password_reset', data: { about, userId: clerk.id } });
    const types = async (filters: Parameters<typeof listAuditEvents>[1]) => (await listAuditEvents(admin, filters)).items.map((r) => r.type).sort();
    // The actor filter, by the whole number in any typed form.
    expect(await types({ actor: `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}` })).toEqual(['auth.sign_in']);
    // The target filter: the events naming the account, whoever acted.
    expect(await types({ target: mobile })).toEqual(['auth.sign_in_failed', 'user.password_reset']);
    // A part of the number finds nothing (the number is stored encrypted; the masked form is not it either).
    expect(await types({ target: mobile.slice(0, 7) })).toEqual([]);
    expect(await types({ actor: mobile.slice(3) })).toEqual([]);
  });

  it('is for admins only', async () => {
    await expect(listAuditEvents(clerk, {})).rejects.toBeInstanceOf(DomainError);
    await expect(exportAuditEvents(clerk, {}, 'csv')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exports CSV and XLSX with Chinese labels, and records the export', async () => {
    const before = await db.auditEvent.count({ where: { type: 'export.audit', actorId: admin.id } });
    const rows = await exportAuditEvents(admin, { target: marker, type: 'export.quality' }, 'csv');
    expect(rows).toHaveLength(15);
    expect(await db.auditEvent.count({ where: { type: 'export.audit', actorId: admin.id } })).toBe(before + 1);
    const logged = await db.auditEvent.findFirst({ where: { type: 'export.audit', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(logged?.data).toMatchObject({ format: 'csv', rows: 15, filters: { type: 'export.quality' } });

    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(auditCsv(rows, label));
    expect(csv.startsWith('\ufeff"编号","时间"')).toBe(true);
    expect(csv).toContain('导出数据质量自查');
    const hostile = auditCsv([{ ...rows[0], type: '=HYPERLINK("http://evil")' }], label);
    expect(new TextDecoder().decode(hostile)).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await auditXlsx(rows, label, { orgName: null, from: '2026-01-01', to: '2026-12-31', exportedAt: new Date('2026-12-05T02:00:00Z') })).buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('审计日志');
    // Title line (scope, period, export time, count), heading row, 15 rows.
    expect(sheet.getCell('A1').value).toBe('审计日志（全部机构）2026-01-01 至 2026-12-31，导出于 2026-12-05 10:00:00，共 15 条');
    expect(sheet.getCell('A2').value).toBe('编号');
    expect(sheet.rowCount).toBe(17);
    expect(sheet.getRow(3).getCell(4).value).toBe('导出数据质量自查');
    // Prints like every other table: A4 landscape, one page wide, headings repeated, page numbers, frozen headings.
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('has a label in both languages for every listed type', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const keys = new Set(flatKeys(messagesFor(locale)));
      expect(AUDIT_TYPES.filter((t) => !keys.has(`admin.audit.types.${t}`))).toEqual([]);
    }
  });
});
