// GET /api/public/reports/:org/:year/:format – a download (docx, xlsx, csv, json) of a published annual report, for anyone (条例 Art. 49)
import { NextResponse } from 'next/server';
import { attachmentResponse, errorResponse } from '@/lib/api/handler';
import { renderPublicDownload } from '@/lib/reports/report-publication';

export async function GET(req: Request, { params }: { params: Promise<{ org: string; year: string; format: string }> }): Promise<Response> {
  try {
    const { org, year, format } = await params;
    // Rendered from the frozen snapshot only. Unknown, withdrawn, retired, hostile segments: "not found".
    const file = await renderPublicDownload(org, year, format);
    if (!file) return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    return attachmentResponse(file.bytes, file.filename, file.contentType);
  } catch (e) {
    return errorResponse(e, req);
  }
}
