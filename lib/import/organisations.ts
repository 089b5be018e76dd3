/**
 * Creating organisations with their materialised path (`/1/4/`: the ids from the root down to the
 * organisation itself), in one statement so the path is right from the first moment. Used by the importer
 * (`createOrgs`), the benchmark and test fixtures.
 */
import type { Tx } from '@/lib/db';

export type OrgKind = 'government_office' | 'department' | 'town' | 'other';

export interface NewOrganisation {
  readonly code: string;
  readonly name: string;
  /** Abbreviation for document numbers; defaults to the name. */
  readonly docPrefix?: string;
  readonly kind?: OrgKind;
  /** Parent organisation id; null or omitted for a root. */
  readonly parentId?: number | null;
}

export interface CreatedOrganisation {
  readonly id: number;
  readonly code: string;
  readonly path: string;
}

/** Inserts one organisation below `parentId` (or as a root) with its path; an unknown parent fails on the FK. */
export async function createOrganisation(
  client: Pick<Tx, '$queryRaw'>,
  org: NewOrganisation,
): Promise<CreatedOrganisation> {
  const parentId = org.parentId ?? null;
  const rows = await client.$queryRaw<CreatedOrganisation[]>`
    INSERT INTO organisations (id, code, name, doc_prefix, kind, parent_id, path)
    SELECT n.id, ${org.code}, ${org.name}, ${org.docPrefix ?? org.name}, ${org.kind ?? 'department'}::"OrgKind",
           ${parentId}::int,
           coalesce((SELECT p.path FROM organisations p WHERE p.id = ${parentId}::int), '/') || n.id || '/'
    FROM (SELECT nextval(pg_get_serial_sequence('organisations', 'id'))::int AS id) n
    RETURNING id, code, path`;
  const created = rows[0];
  if (!created) throw new Error(`organisation ${org.code} was not created`);
  return created;
}
