// GET /api/admin/quality/export?org=SFS&subtree=1&year=2025 – the data-quality findings with their cases as XLSX
import { getTranslations } from 'next-intl/server';
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { qualityXlsx } from '@/lib/admin/admin-xlsx';
import { scopeOrgIds } from '@/lib/admin/case-list-sql';
import { QUALITY_CASE_CHECKS, allQualityCases, loadDataQuality, type QualityCaseCheck } from '@/lib/admin/data-quality';
import type { ListedCase } from '@/lib/admin/case-list-sql';
import { recordAudit } from '@/lib/admin/audit';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

export const GET = withActor(['admin'], async (req, { actor }) => {
  const q = req.nextUrl.searchParams;
  const today = CHINA_DAY.format(new Date());
  const year = Number(q.get('year')) || Number(today.slice(0, 4)) - 1;
  const subtree = q.get('subtree') !== '0';
  const report = await loadDataQuality(actor, { orgCode: q.get('org'), subtree, year, today });
  const orgIds = await scopeOrgIds(report.org, subtree);
  const cases = Object.fromEntries(
    await Promise.all(QUALITY_CASE_CHECKS.map(async (c) => [c, report.counts[c] ? await allQualityCases(orgIds, c, today, undefined, year) : []] as const)),
  ) as Record<QualityCaseCheck, ListedCase[]>;
  const t = await getTranslations();
  const bytes = await qualityXlsx(report, cases, (key, params) => (t.has(key) ? t(key, params) : key));
  await recordAudit({ actorId: actor.id, type: 'export.quality', data: { org: report.org.code, subtree, year } });
  return attachmentResponse(bytes, `${report.org.name}-data-quality.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
