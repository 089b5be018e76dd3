// GET /api/portal/cases/[id]/documents/[documentId] – an issued letter (答复书, 补正告知书 …) as PDF, for the applicant only
import { NextResponse } from 'next/server';
import { attachmentResponse, errorResponse } from '@/lib/api/handler';
import { renderCaseDocumentPdf } from '@/lib/documents/case-documents';
import { applicantAccessOf, loadPortalCase } from '@/lib/portal/portal-case';
import { recordPortalReading } from '@/lib/cases/notice-delivery';

export async function GET(req: Request, { params }: { params: Promise<{ id: string; documentId: string }> }): Promise<Response> {
  try {
    const { id, documentId } = await params;
    // Entitled: the signed-in owner or this browser's tracking grant; only issued letters listed for this case.
    const found = await loadPortalCase(id);
    if (!found || !found.view.dto.documents.some((d) => d.id === documentId)) {
      return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    }
    const pdf = await renderCaseDocumentPdf(applicantAccessOf(found.access), documentId);
    // Reading a notice in the portal is its online delivery (Art. 30; regulations.md §15): the first reading
    // fixes the day the applicant's period runs from (lib/cases/notice-delivery.ts).
    await recordPortalReading({
      caseId: id,
      documentId,
      now: new Date(),
      actor: found.access.kind === 'account' ? { id: found.access.actor.id, role: 'applicant' } : null,
    });
    return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
  } catch (e) {
    return errorResponse(e, req);
  }
}
