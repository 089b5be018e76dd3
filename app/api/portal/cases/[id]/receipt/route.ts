// GET /api/portal/cases/[id]/receipt – the receipt (回执) PDF of an application, for its applicant only
import { NextResponse } from 'next/server';
import { attachmentResponse, errorResponse } from '@/lib/api/handler';
import { resolveLocale } from '@/lib/i18n/request';
import { loadPortalCase } from '@/lib/portal/portal-case';
import { renderReceiptPdf } from '@/lib/portal/portal-pdfs';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    // Entitled: the signed-in owner, or this browser's tracking grant (lib/portal/access.ts); else 404.
    const found = await loadPortalCase((await params).id);
    if (!found) return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    const { data, filename } = await renderReceiptPdf(found.view, await resolveLocale());
    return attachmentResponse(data, filename, 'application/pdf');
  } catch (e) {
    return errorResponse(e);
  }
}
