// GET /api/portal/cases/[id]/receipt – the receipt (回执) PDF of an application, for its applicant only
import { NextResponse } from 'next/server';
import { attachmentResponse, errorResponse } from '@/lib/api/handler';
import { renderReceiptPdf } from '@/lib/documents/case-documents';
import { trackGrantFor } from '@/lib/portal/access';
import { applicantAccessOf, loadPortalCase } from '@/lib/portal/portal-case';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    // Entitled: the signed-in owner, or this browser's tracking grant (lib/portal/access.ts); else 404.
    const found = await loadPortalCase((await params).id);
    if (!found) return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    // With a grant (right after submitting, or after a look-up) the receipt prints the access code the
    // holder already knows; a signed-in owner without one gets it without the code.
    const grant = await trackGrantFor(found.view.dto.id);
    const access = grant ? { trackingNo: grant.trackingNo, accessCode: grant.accessCode } : applicantAccessOf(found.access);
    const pdf = await renderReceiptPdf(access, found.view.dto.id);
    return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
  } catch (e) {
    return errorResponse(e, req);
  }
}
