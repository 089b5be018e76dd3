// GET /api/portal/cases/[id]/documents/[documentId] – an issued letter (答复书, 补正告知书 …) as PDF, for the applicant only
import { NextResponse } from 'next/server';
import { attachmentResponse, errorResponse } from '@/lib/api/handler';
import { loadPortalCase } from '@/lib/portal/portal-case';
import { renderIssuedDocumentPdf } from '@/lib/portal/portal-pdfs';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; documentId: string }> }): Promise<Response> {
  try {
    const { id, documentId } = await params;
    const found = await loadPortalCase(id);
    const pdf = found ? await renderIssuedDocumentPdf(found.view.dto.id, documentId) : null;
    if (!pdf) return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
  } catch (e) {
    return errorResponse(e);
  }
}
