// GET /api/staff/cases/:id/archive – the archive package (归档案卷) PDF of an archived case, for staff in scope;
// rebuilt on each request, byte-identical for the same case (lib/documents/archive-package.ts)
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { buildArchivePackage } from '@/lib/documents/archive-package';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const pkg = await buildArchivePackage(actor, params.id);
  return attachmentResponse(pkg.data, pkg.filename, 'application/pdf');
});

/** The PDF may reveal the postal address, which is audited: no HEAD (see `headNotAllowed`). */
export const HEAD = headNotAllowed;
