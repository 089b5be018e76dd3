// GET /api/portal/orgs?q=… – the application form's agency picker: organisations whose name contains q
// (public information: id, name, ancestors' names), at most 30, loaded as the applicant types (issue 13).
import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse } from '@/lib/api/handler';
import { searchOrganisations } from '@/lib/portal/org-search';

export async function GET(req: NextRequest) {
  try {
    const result = await searchOrganisations({ q: req.nextUrl.searchParams.get('q') ?? '', scopePath: null, activeOnly: true });
    return NextResponse.json(result, { headers: { 'Cache-Control': 'public, max-age=60' } });
  } catch (e) {
    return errorResponse(e, req);
  }
}
