// GET /api/portal/cases/[id]/files/[fileId] – a public file of the case (application, correction, disclosed), always as an attachment
import { NextResponse } from 'next/server';
import { attachmentResponse, errorResponse } from '@/lib/api/handler';
import { getAttachmentForDownload } from '@/lib/attachments/upload-attachment';
import { applicantAccessOf, loadPortalCase } from '@/lib/portal/portal-case';

export async function GET(req: Request, { params }: { params: Promise<{ id: string; fileId: string }> }): Promise<Response> {
  try {
    const { id, fileId } = await params;
    // Entitled: the signed-in owner or this browser's tracking grant; the library re-checks scope and isPublic.
    const found = await loadPortalCase(id);
    if (!found || !found.view.dto.attachments.some((a) => a.id === fileId)) {
      return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    }
    const file = await getAttachmentForDownload(applicantAccessOf(found.access), fileId);
    return attachmentResponse(file.data, file.filename, file.contentType);
  } catch (e) {
    return errorResponse(e, req);
  }
}
