// GET /api/staff/pickers/clerks?q=… – the case list's clerk filter: active clerks and reviewers of the actor's
// subtree whose name or organisation contains q, at most 30, as picker options (issue 13). Staff only.
import { NextResponse } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { searchStaffInScope } from '@/app/(staff)/staff/_lib/directory';
import { staffPickerOption } from '@/app/(staff)/staff/_lib/picker-options';

export const GET = withActor(STAFF_ROLES, async (req, { actor }) => {
  const t = await getTranslations();
  const result = await searchStaffInScope(actor, req.nextUrl.searchParams.get('q') ?? '');
  return NextResponse.json({ items: result.items.map((m) => staffPickerOption(t, m)), more: result.more }, { headers: { 'Cache-Control': 'private, no-store' } });
});
