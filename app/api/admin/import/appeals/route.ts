// POST /api/admin/import/appeals – upload a CSV/XLSX of 行政复议 / 行政诉讼 (report section 四); imports it at once, all or nothing
import { NextResponse } from 'next/server';
import { readFormData, withActor } from '@/lib/api/handler';
import { DomainError } from '@/lib/errors';
import { importAppeals } from '@/lib/import/import-appeals';
import { normalizeText } from '@/lib/validation/text';

/** A year's section 四 is tens of rows; 10 MB leaves room for decades of a large office's register. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const POST = withActor(['admin'], async (req, { actor }) => {
  const form = await readFormData(req);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) throw new DomainError('VALIDATION', 'admin.import.errors.noFile');
  if (file.size > MAX_UPLOAD_BYTES) throw new DomainError('VALIDATION', 'admin.import.errors.tooLarge', { max: '10 MB' });
  const fileName = normalizeText(file.name, { singleLine: true }).slice(0, 200);
  const result = await importAppeals({ data: new Uint8Array(await file.arrayBuffer()), fileName, actor });
  return NextResponse.json({ ...result, fileName, errors: result.ok ? [] : result.errors.slice(0, 1000), errorCount: result.ok ? 0 : result.errors.length });
});
