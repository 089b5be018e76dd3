// GET /api/admin/import/template?year=2026 – the XLSX import template with drop-down lists (admins only)
import { attachmentResponse, withActor } from '@/lib/api/handler';
import { caseImportTemplate } from '@/lib/import/case-file-template';

export const GET = withActor(['admin'], async (req) => {
  const raw = Number(req.nextUrl.searchParams.get('year'));
  const year = Number.isInteger(raw) && raw >= 2019 && raw <= 2100 ? raw : new Date().getFullYear();
  const data = await caseImportTemplate(year);
  return attachmentResponse(data, `政府信息公开申请导入模板-${year}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});
