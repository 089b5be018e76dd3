/**
 * What the staff case page shows beyond the case record (load-case-record.ts): the assigned clerk, the
 * timeline with each event's actor, every document, the attachments (without their bytes), deliveries,
 * transfers with both organisations' names, appeals, and the names of the people the documents,
 * extensions, deliveries and transfers name — in ONE statement instead of Prisma's twelve (issue 13: the
 * case page sent 36 statements). Scoped like every case read (actor.ts caseScopeSql): null outside the
 * actor's scope. lib/cases/load-case-extras.int.test.ts checks the result against Prisma's own query of the
 * same relations.
 */
import 'server-only';
import { PREPARED, type Db, type Tx } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Appeal, AttachmentPurpose, CaseEvent, CaseTransfer, Delivery, Document } from '@/lib/generated/prisma/client';
import { caseScopeSql, type Actor } from '@/lib/cases/actor';
import { decode, decodeAll, DOCUMENT_COLUMNS, type Columns, type Json } from '@/lib/cases/load-case-record';
import type { AttachmentDto } from '@/lib/cases/queries';

const EVENT_COLUMNS = {
  id: ['id', 'bigint'],
  caseId: ['case_id', 'v'],
  actorId: ['actor_id', 'v'],
  actorRole: ['actor_role', 'v'],
  type: ['type', 'v'],
  fromStatus: ['from_status', 'v'],
  toStatus: ['to_status', 'v'],
  data: ['data', 'v'],
  isPublic: ['is_public', 'v'],
  occurredAt: ['occurred_at', 'ts'],
} as const satisfies Columns<CaseEvent>;

const DELIVERY_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  documentId: ['document_id', 'v'],
  method: ['method', 'v'],
  deliveredOn: ['delivered_on', 'date'],
  postalTrackingNo: ['postal_tracking_no', 'v'],
  receiptNote: ['receipt_note', 'v'],
  recordedById: ['recorded_by_id', 'v'],
  createdAt: ['created_at', 'ts'],
} as const satisfies Columns<Delivery>;

const TRANSFER_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  fromOrgId: ['from_org_id', 'v'],
  toOrgId: ['to_org_id', 'v'],
  reason: ['reason', 'v'],
  byId: ['by_id', 'v'],
  at: ['at', 'ts'],
} as const satisfies Columns<CaseTransfer>;

const APPEAL_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  orgId: ['org_id', 'v'],
  kind: ['kind', 'v'],
  filedOn: ['filed_on', 'date'],
  body: ['body', 'v'],
  result: ['result', 'v'],
  decidedOn: ['decided_on', 'date'],
  note: ['note', 'v'],
  createdAt: ['created_at', 'ts'],
  importBatchId: ['import_batch_id', 'v'],
} as const satisfies Columns<Appeal>;

/** The attachment fields the page shows (never the stored bytes): the case page's own shape (queries.ts). */
type AttachmentRow = AttachmentDto;

export interface StaffCaseExtras {
  assignedClerk: { id: string; name: string } | null;
  /** By id (the order they happened in). */
  events: (CaseEvent & { actor: { id: string; name: string; role: string } | null })[];
  /** Oldest first (ties by id: uuid v7, creation order), as are attachments, deliveries and transfers; appeals by filing date. */
  documents: Document[];
  attachments: AttachmentRow[];
  deliveries: Delivery[];
  transfers: (CaseTransfer & { fromOrg: { id: number; name: string }; toOrg: { id: number; name: string } })[];
  appeals: Appeal[];
  /** Names of the people named by the documents, the case's extensions, deliveries and transfers, by id. */
  people: Map<string, { id: string; name: string }>;
}

interface Row {
  assigned_clerk: { id: string; name: string } | null;
  events: (Json & { actor: { id: string; name: string; role: string } | null })[] | null;
  documents: Json[] | null;
  attachments: { id: string; purpose: AttachmentPurpose; filename: string; content_type: string; size: number; is_public: boolean; document_id: string | null; created_at: string }[] | null;
  deliveries: Json[] | null;
  transfers: (Json & { from_org: { id: number; name: string }; to_org: { id: number; name: string } })[] | null;
  appeals: Json[] | null;
  people: { id: string; name: string }[] | null;
}

/** The page's extras of a case, or null when the case does not exist or is outside the actor's scope. */
export async function loadStaffCaseExtras(client: Db | Tx, caseId: string, actor: Actor): Promise<StaffCaseExtras | null> {
  // Prepared (lib/db.ts PREPARED): like the record's statement, planning it costs more than running it.
  // Outside a transaction through plain `pg` (lib/db-read.ts): every column is jsonb, decoded alike by both.
  const rows = await readRows<Row>(client, Prisma.sql`${Prisma.raw(PREPARED)}
    SELECT
      (SELECT jsonb_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = c.assigned_clerk_id) AS assigned_clerk,
      (SELECT jsonb_agg(to_jsonb(e) || jsonb_build_object('id', e.id::text,
          'actor', (SELECT jsonb_build_object('id', u.id, 'name', u.name, 'role', u.role) FROM users u WHERE u.id = e.actor_id)) ORDER BY e.id)
        FROM case_events e WHERE e.case_id = c.id) AS events,
      (SELECT jsonb_agg(to_jsonb(d) ORDER BY d.created_at, d.id) FROM documents d WHERE d.case_id = c.id) AS documents,
      (SELECT jsonb_agg(jsonb_build_object('id', a.id, 'purpose', a.purpose, 'filename', a.filename, 'content_type', a.content_type, 'size', a.size,
          'is_public', a.is_public, 'document_id', a.document_id, 'created_at', a.created_at) ORDER BY a.created_at, a.id)
        FROM attachments a WHERE a.case_id = c.id) AS attachments,
      (SELECT jsonb_agg(to_jsonb(v) ORDER BY v.created_at, v.id) FROM deliveries v WHERE v.case_id = c.id) AS deliveries,
      (SELECT jsonb_agg(to_jsonb(t) || jsonb_build_object('from_org', jsonb_build_object('id', f.id, 'name', f.name), 'to_org', jsonb_build_object('id', g.id, 'name', g.name))
          ORDER BY t.at, t.id)
        FROM case_transfers t JOIN organisations f ON f.id = t.from_org_id JOIN organisations g ON g.id = t.to_org_id WHERE t.case_id = c.id) AS transfers,
      (SELECT jsonb_agg(to_jsonb(p) ORDER BY p.filed_on, p.id) FROM appeals p WHERE p.case_id = c.id) AS appeals,
      (SELECT jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name)) FROM users u WHERE u.id IN (
          SELECT unnest(ARRAY[d.drafted_by_id, d.approved_by_id, d.confidentiality_review_by_id]) FROM documents d WHERE d.case_id = c.id
          UNION SELECT unnest(ARRAY[x.requested_by_id, x.approved_by_id]) FROM extensions x WHERE x.case_id = c.id
          UNION SELECT v.recorded_by_id FROM deliveries v WHERE v.case_id = c.id
          UNION SELECT t.by_id FROM case_transfers t WHERE t.case_id = c.id)) AS people
    FROM cases c JOIN organisations o ON o.id = c.org_id
    WHERE c.id = ${caseId}::uuid AND ${caseScopeSql(actor)}`);
  const row = rows[0];
  if (!row) return null;
  return {
    assignedClerk: row.assigned_clerk,
    events: (row.events ?? []).map((e) => ({ ...decode<CaseEvent>(e, EVENT_COLUMNS), actor: e.actor })),
    documents: decodeAll<Document>(row.documents, DOCUMENT_COLUMNS),
    attachments: (row.attachments ?? []).map((a) => ({
      id: a.id,
      purpose: a.purpose,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      isPublic: a.is_public,
      documentId: a.document_id,
      createdAt: new Date(a.created_at),
    })),
    deliveries: decodeAll<Delivery>(row.deliveries, DELIVERY_COLUMNS),
    transfers: (row.transfers ?? []).map((t) => ({ ...decode<CaseTransfer>(t, TRANSFER_COLUMNS), fromOrg: t.from_org, toOrg: t.to_org })),
    appeals: decodeAll<Appeal>(row.appeals, APPEAL_COLUMNS),
    people: new Map((row.people ?? []).map((p) => [p.id, p])),
  };
}
