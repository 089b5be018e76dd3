// GET /api/admin/audit/export?format=csv|xlsx&actor=&type=&from=&to=&target= – the filtered audit log as a file (admins; the export is itself audited)
import { getTranslations } from 'next-intl/server';
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { exportAuditEvents } from '@/lib/admin/audit';
import { auditCsv, auditXlsx } from '@/lib/admin/audit-export';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { parseAuditParams } from '@/app/(admin)/admin/audit/params';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

export const GET = withActor(['admin'], async (req, { actor }) => {
  const q = req.nextUrl.searchParams;
  const format = q.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw new DomainError('VALIDATION', 'errors.validation');
  const { filters } = parseAuditParams(q);
  const rows = await exportAuditEvents(actor, filters, format);
  const t = await getTranslations();
  const label = (key: string, params?: Record<string, string | number>) => (t.has(key) ? t(key, params) : key);
  const name = `审计日志-${CHINA_DAY.format(new Date())}`;
  if (format === 'xlsx') {
    const org = actor.orgId === null ? null : await db.organisation.findUnique({ where: { id: actor.orgId }, select: { name: true } });
    const scope = { orgName: org?.name ?? null, from: filters.from, to: filters.to, exportedAt: new Date() };
    return attachmentResponse(await auditXlsx(rows, label, scope), `${name}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }
  return attachmentResponse(auditCsv(rows, label), `${name}.csv`, 'text/csv; charset=utf-8');
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
