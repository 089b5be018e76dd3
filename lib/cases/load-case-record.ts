/**
 * The case record (case-record.ts CASE_RECORD_INCLUDE: the row, its organisation, the applicant's account,
 * 补正 rounds, consultations, extensions, fee notices, the Art. 35 event, the documents the guards and the
 * deadline ledger read) and the deadline setting, in ONE statement instead of Prisma's ten (issue 13 item 4:
 * a workflow step reads what it needs once). Scoped like every case read (actor.ts caseScopeSql): a case
 * outside the actor's scope is not found. lib/cases/load-case-record.int.test.ts checks that the result equals
 * Prisma's own `include` of the same record.
 */
import 'server-only';
import { cache } from 'react';
import { db, PREPARED, type Db, type Tx } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Case, Consultation, CorrectionRequest, Document, Extension, FeeNotice } from '@/lib/generated/prisma/client';
import { caseScopeSql, type Actor } from '@/lib/cases/actor';
import type { CaseRecord } from '@/lib/cases/case-record';
import { SIGN_OFF_NOTICE_TYPES } from '@/lib/cases/workflow-guards';
import { SETTINGS } from '@/lib/settings/registry';

/** How a column arrives in to_jsonb(row): as is, a date ('YYYY-MM-DD'), an instant (ISO 8601) or numeric. */
type Kind = 'v' | 'date' | 'ts' | 'decimal' | 'bigint';
/** Field → [column, kind] of every scalar of a model: `satisfies Record<keyof Model, …>` makes a new column a compile error here. */
export type Columns<M> = Record<keyof M, readonly [string, Kind]>;

const CASE_COLUMNS = {
  id: ['id', 'v'],
  trackingNo: ['tracking_no', 'v'],
  accessCodeHash: ['access_code_hash', 'v'],
  submissionKey: ['submission_key', 'v'],
  source: ['source', 'v'],
  orgId: ['org_id', 'v'],
  applicantUserId: ['applicant_user_id', 'v'],
  applicantType: ['applicant_type', 'v'],
  applicantName: ['applicant_name', 'v'],
  idDocType: ['id_doc_type', 'v'],
  idNumberEnc: ['id_number_enc', 'v'],
  idNumberBidx: ['id_number_bidx', 'v'],
  idNumberMasked: ['id_number_masked', 'v'],
  legalRepresentative: ['legal_representative', 'v'],
  contactPerson: ['contact_person', 'v'],
  mobileEnc: ['mobile_enc', 'v'],
  mobileBidx: ['mobile_bidx', 'v'],
  emailEnc: ['email_enc', 'v'],
  emailBidx: ['email_bidx', 'v'],
  postalAddressEnc: ['postal_address_enc', 'v'],
  legacyMobile: ['mobile_plain', 'v'],
  legacyEmail: ['email_plain', 'v'],
  legacyPostalAddress: ['postal_address_plain', 'v'],
  postalCode: ['postal_code', 'v'],
  description: ['description', 'v'],
  documentRef: ['document_ref', 'v'],
  requestedForm: ['requested_form', 'v'],
  deliveryMethod: ['delivery_method', 'v'],
  channel: ['channel', 'v'],
  arrivedAt: ['arrived_at', 'ts'],
  confirmedAt: ['confirmed_at', 'ts'],
  confirmationNote: ['confirmation_note', 'v'],
  receivedOn: ['received_on', 'date'],
  status: ['status', 'v'],
  outcome: ['outcome', 'v'],
  concludedOn: ['concluded_on', 'date'],
  assignedClerkId: ['assigned_clerk_id', 'v'],
  delayedAnswerBy: ['delayed_answer_by', 'date'],
  answerDueOn: ['answer_due_on', 'date'],
  retentionNote: ['retention_note', 'v'],
  importBatchId: ['import_batch_id', 'v'],
  version: ['version', 'v'],
  createdAt: ['created_at', 'ts'],
  updatedAt: ['updated_at', 'ts'],
} as const satisfies Columns<Case>;

const CORRECTION_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  requestedOn: ['requested_on', 'date'],
  items: ['items', 'v'],
  periodDays: ['period_days', 'v'],
  periodEndsOn: ['period_ends_on', 'date'],
  noticeDeliveredOn: ['notice_delivered_on', 'date'],
  correctedOn: ['corrected_on', 'date'],
  responseText: ['response_text', 'v'],
  lapsedOn: ['lapsed_on', 'date'],
  createdAt: ['created_at', 'ts'],
} as const satisfies Columns<CorrectionRequest>;

const CONSULTATION_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  kind: ['kind', 'v'],
  party: ['party', 'v'],
  topic: ['topic', 'v'],
  sentOn: ['sent_on', 'date'],
  receivedByPartyOn: ['received_by_party_on', 'date'],
  repliedOn: ['replied_on', 'date'],
  opinion: ['opinion', 'v'],
  createdAt: ['created_at', 'ts'],
} as const satisfies Columns<Consultation>;

const EXTENSION_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  days: ['days', 'v'],
  reason: ['reason', 'v'],
  requestedById: ['requested_by_id', 'v'],
  requestedAt: ['requested_at', 'ts'],
  approvedById: ['approved_by_id', 'v'],
  approvedOn: ['approved_on', 'date'],
  rejectedAt: ['rejected_at', 'ts'],
} as const satisfies Columns<Extension>;

const FEE_NOTICE_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  amountYuan: ['amount_yuan', 'decimal'],
  method: ['method', 'v'],
  basis: ['basis', 'v'],
  issuedOn: ['issued_on', 'date'],
  receivedOn: ['received_on', 'date'],
  paymentDueOn: ['payment_due_on', 'date'],
  computation: ['computation', 'v'],
  acknowledgedAt: ['acknowledged_at', 'ts'],
  paidOn: ['paid_on', 'date'],
  lapsedOn: ['lapsed_on', 'date'],
} as const satisfies Columns<FeeNotice>;

export const DOCUMENT_COLUMNS = {
  id: ['id', 'v'],
  caseId: ['case_id', 'v'],
  type: ['type', 'v'],
  status: ['status', 'v'],
  docNumber: ['doc_number', 'v'],
  outcome: ['outcome', 'v'],
  reason: ['reason', 'v'],
  legalBasis: ['legal_basis', 'v'],
  remedyNotice: ['remedy_notice', 'v'],
  body: ['body', 'v'],
  isSeparated: ['is_separated', 'v'],
  answerDetails: ['answer_details', 'v'],
  confidentialityReviewById: ['confidentiality_review_by_id', 'v'],
  confidentialityReviewAt: ['confidentiality_review_at', 'ts'],
  draftedById: ['drafted_by_id', 'v'],
  approvedById: ['approved_by_id', 'v'],
  approvedAt: ['approved_at', 'ts'],
  issuedOn: ['issued_on', 'date'],
  statedDates: ['stated_dates', 'v'],
  correctsDocumentId: ['corrects_document_id', 'v'],
  title: ['title', 'v'],
  stepInput: ['step_input', 'v'],
  templateVersionId: ['template_version_id', 'v'],
  version: ['version', 'v'],
  createdAt: ['created_at', 'ts'],
} as const satisfies Columns<Document>;

export type Json = Record<string, unknown>;

function value(raw: unknown, kind: Kind): unknown {
  if (raw === null || raw === undefined) return null;
  switch (kind) {
    case 'date':
      return new Date(`${raw as string}T00:00:00.000Z`);
    case 'ts':
      return new Date(raw as string);
    case 'decimal':
      return new Prisma.Decimal(String(raw));
    case 'bigint':
      return BigInt(raw as string);
    default:
      return raw;
  }
}

export function decode<M>(row: Json, columns: Columns<M>): M {
  const out: Record<string, unknown> = {};
  for (const [field, [column, kind]] of Object.entries(columns) as [string, readonly [string, Kind]][]) out[field] = value(row[column], kind);
  return out as M;
}

export const decodeAll = <M>(rows: Json[] | null, columns: Columns<M>): M[] => (rows ?? []).map((r) => decode(r, columns));

interface Row {
  c: Json;
  org: { id: number; name: string; doc_prefix: string; path: string; notice_sign_off: boolean };
  applicant_user: { id: string; locale: string } | null;
  corrections: Json[] | null;
  consultations: Json[] | null;
  extensions: Json[] | null;
  fee_notices: Json[] | null;
  delayed_event: { data: unknown; occurred_at: string } | null;
  documents: (Json & { disclosed_files: number })[] | null;
  fee_pause: unknown;
}

export interface LoadedCaseRecord {
  record: CaseRecord;
  /** The stored value of the fee-pause setting (deadline-for-case.ts deadlineSettingsFrom), undefined when not set. */
  feePauseSetting: unknown;
}

/**
 * The case record as CASE_RECORD_INCLUDE loads it, and the deadline setting, in one statement; null when the
 * case does not exist or is outside the actor's scope (`actor` null: unscoped, for callers that checked it).
 * Children come in the include's order, ties broken by id (uuid v7: creation order).
 */
export async function loadCaseRecord(client: Db | Tx, caseId: string, actor: Actor | null): Promise<LoadedCaseRecord | null> {
  const scope = actor ? caseScopeSql(actor) : Prisma.sql`TRUE`;
  const signOff = [...SIGN_OFF_NOTICE_TYPES];
  // Prepared (lib/db.ts PREPARED): planning this statement cost more than running it.
  // Outside a transaction through plain `pg` (lib/db-read.ts): every column is jsonb, decoded alike by both.
  const rows = await readRows<Row>(client, Prisma.sql`${Prisma.raw(PREPARED)}
    SELECT to_jsonb(c) AS c,
      jsonb_build_object('id', o.id, 'name', o.name, 'doc_prefix', o.doc_prefix, 'path', o.path, 'notice_sign_off', o.notice_sign_off) AS org,
      (SELECT jsonb_build_object('id', u.id, 'locale', u.locale) FROM users u WHERE u.id = c.applicant_user_id) AS applicant_user,
      (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.requested_on, x.id) FROM correction_requests x WHERE x.case_id = c.id) AS corrections,
      (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.sent_on, x.id) FROM consultations x WHERE x.case_id = c.id) AS consultations,
      (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.requested_at, x.id) FROM extensions x WHERE x.case_id = c.id) AS extensions,
      (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.issued_on, x.id) FROM fee_notices x WHERE x.case_id = c.id) AS fee_notices,
      (SELECT jsonb_build_object('data', e.data, 'occurred_at', e.occurred_at) FROM case_events e
        WHERE e.case_id = c.id AND e.type = 'delayed_answer_set' ORDER BY e.id DESC LIMIT 1) AS delayed_event,
      (SELECT jsonb_agg(to_jsonb(d) || jsonb_build_object('disclosed_files',
          (SELECT count(*) FROM attachments a WHERE a.document_id = d.id AND a.purpose = 'disclosed_file')) ORDER BY d.created_at DESC, d.id DESC)
        FROM documents d
        WHERE d.case_id = c.id AND (
          (d.type = 'answer' AND d.status IN ('draft', 'pending_approval'))
          OR (d.type IN ('extension_notice', 'delayed_answer_notice', 'notice_correction') AND d.status = 'issued')
          OR (d.type::text = ANY (${signOff}::text[]) AND d.status = 'pending_approval'))) AS documents,
      (SELECT s.value FROM settings s WHERE s.key = ${SETTINGS.feePausesAnswerClock.key}) AS fee_pause
    FROM cases c JOIN organisations o ON o.id = c.org_id
    WHERE c.id = ${caseId}::uuid AND ${scope}`);
  const row = rows[0];
  if (!row) return null;
  const o = row.org;
  const record: CaseRecord = {
    ...decode<Case>(row.c, CASE_COLUMNS),
    org: { id: o.id, name: o.name, docPrefix: o.doc_prefix, path: o.path, noticeSignOff: o.notice_sign_off },
    applicantUser: row.applicant_user,
    corrections: decodeAll<CorrectionRequest>(row.corrections, CORRECTION_COLUMNS),
    consultations: decodeAll<Consultation>(row.consultations, CONSULTATION_COLUMNS),
    extensions: decodeAll<Extension>(row.extensions, EXTENSION_COLUMNS),
    feeNotices: decodeAll<FeeNotice>(row.fee_notices, FEE_NOTICE_COLUMNS),
    events: row.delayed_event ? [{ data: row.delayed_event.data as CaseRecord['events'][number]['data'], occurredAt: new Date(row.delayed_event.occurred_at) }] : [],
    documents: (row.documents ?? []).map((d) => ({ ...decode<Document>(d, DOCUMENT_COLUMNS), _count: { attachments: Number(d.disclosed_files) } })),
  };
  return { record, feePauseSetting: row.fee_pause ?? undefined };
}

/**
 * loadCaseRecord for reading pages, once per request: the staff case page reads the record for its data and
 * again for the earlier applications of the same applicant (repeat-applications.ts); one statement serves
 * both. Outside a React render (actions, jobs, tests) every call reads afresh. Never for writes.
 */
export const loadCaseRecordForPage = cache((actor: Actor, caseId: string): Promise<LoadedCaseRecord | null> => loadCaseRecord(db, caseId, actor));

