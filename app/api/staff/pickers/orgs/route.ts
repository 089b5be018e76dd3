// GET /api/staff/pickers/orgs?q=… – the case list's organisation filter: organisations of the actor's subtree
// (admin: all) whose name contains q, at most 30, as picker options (issue 13). Staff only.
// `&value=code`: options whose value is the organisation code (the annual report pages' organisation choice).
import { NextResponse } from 'next/server';
import { withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { searchOrganisations } from '@/lib/portal/org-search';
import { orgCodePickerOption, orgPickerOption } from '@/app/(staff)/staff/_lib/picker-options';

export const GET = withActor(STAFF_ROLES, async (req, { actor }) => {
  if (actor.role !== 'admin' && !actor.orgPath) return NextResponse.json({ items: [], more: false });
  const byCode = req.nextUrl.searchParams.get('value') === 'code';
  const result = await searchOrganisations({ q: req.nextUrl.searchParams.get('q') ?? '', scopePath: actor.role === 'admin' ? null : actor.orgPath, withCode: byCode });
  const items = byCode ? result.items.map((o) => orgCodePickerOption({ ...o, code: o.code ?? '' })) : result.items.map(orgPickerOption);
  return NextResponse.json({ items, more: result.more }, { headers: { 'Cache-Control': 'private, no-store' } });
});
