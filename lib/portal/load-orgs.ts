import 'server-only';
import { db } from '@/lib/db';
import { flattenOrgTree, type OrgOption } from './org-tree';

/** Every agency that accepts applications (not retired), as the picker's tree (organisations are public information). */
export async function loadOrgOptions(): Promise<OrgOption[]> {
  const rows = await db.organisation.findMany({ where: { retiredAt: null }, select: { id: true, name: true, parentId: true } });
  return flattenOrgTree(rows);
}
