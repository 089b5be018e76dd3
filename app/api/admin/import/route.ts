// POST /api/admin/import – upload a CSV/XLSX of historical cases; starts the import job and answers { jobId } at once
import { NextResponse } from 'next/server';
import { readFormData, withActor } from '@/lib/api/handler';
import { DomainError } from '@/lib/errors';
import { startImportJob } from '@/lib/import/run-import-job';
import { normalizeText } from '@/lib/validation/text';

/** Larger files should go through the CLI (npm run cli import). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export const POST = withActor(['admin'], async (req, { actor }) => {
  const form = await readFormData(req);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) throw new DomainError('VALIDATION', 'admin.import.errors.noFile');
  if (file.size > MAX_UPLOAD_BYTES) throw new DomainError('VALIDATION', 'admin.import.errors.tooLarge', { max: '100 MB' });
  const createOrgs = form.get('createOrgs') === 'on' || form.get('createOrgs') === 'true';
  const data = new Uint8Array(await file.arrayBuffer());
  const { jobId } = await startImportJob({ data, fileName: normalizeText(file.name, { singleLine: true }).slice(0, 200), actor, createOrgs });
  return NextResponse.json({ jobId }, { status: 202 });
});
