// GET /api/admin/supervision/export?org=SFS&subtree=1&from=YYYY-MM-DD&to=YYYY-MM-DD – supervision figures as XLSX
import { getTranslations } from 'next-intl/server';
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { supervisionXlsx } from '@/lib/admin/admin-xlsx';
import { periodOf } from '@/lib/admin/case-list-sql';
import { loadSupervision } from '@/lib/admin/supervision';
import { recordAudit } from '@/lib/admin/audit';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

export const GET = withActor(['admin'], async (req, { actor }) => {
  const q = req.nextUrl.searchParams;
  const today = CHINA_DAY.format(new Date());
  const period = periodOf(q.get('from') ?? undefined, q.get('to') ?? undefined, today);
  const report = await loadSupervision(actor, { orgCode: q.get('org'), subtree: q.get('subtree') !== '0', period, today });
  const t = await getTranslations();
  const bytes = await supervisionXlsx(report, (key, params) => (t.has(key) ? t(key, params) : key));
  await recordAudit({ actorId: actor.id, type: 'export.supervision', data: { org: report.org.code, subtree: q.get('subtree') !== '0', from: period.from, to: period.to } });
  return attachmentResponse(
    bytes,
    `${report.org.name}-${period.from}-${period.to}-supervision.xlsx`,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
