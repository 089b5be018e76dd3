// GET /api/public/reading-room/:id/files/:fileId – a file of a published reading-room item, for anyone (Art. 44)
import { NextResponse } from 'next/server';
import { attachmentResponse, errorResponse } from '@/lib/api/handler';
import { readingRoomFile } from '@/lib/reading-room/reading-room';

export async function GET(req: Request, { params }: { params: Promise<{ id: string; fileId: string }> }): Promise<Response> {
  try {
    const { id, fileId } = await params;
    // Only a published item's own files; proposed, rejected, withdrawn and unknown ids are all "not found".
    const file = await readingRoomFile(id, fileId);
    if (!file) return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    return attachmentResponse(file.data, file.name, file.contentType);
  } catch (e) {
    return errorResponse(e, req);
  }
}
