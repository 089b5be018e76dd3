/**
 * 依申请公开转主动公开 (Art. 44; issue 10 item 8): "多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息
 * 属于可以公开的，行政机关可以纳入主动公开的范围。对行政机关依申请公开的政府信息，申请人认为涉及公众利益调整、需要公众
 * 广泛知晓或者需要公众参与决策的，可以建议行政机关将该信息纳入主动公开的范围。行政机关经审核认为属于主动公开范围的，应当
 * 及时主动公开。" (regulations.md §13).
 *
 * - Staff (clerk or reviewer, the case's organisation subtree) propose publishing files released on a concluded
 *   case: only disclosed files (AttachmentPurpose `disclosed_file`) of its issued answer, never the answer letter,
 *   the application or anything naming the applicant; staff write the public title and subject.
 * - A reviewer approves (published, with the date) or rejects with a note; a reviewer withdraws a published item
 *   with a reason. Each change: compare-and-set on the publication's status and version, and a case event
 *   (internal) in the same transaction.
 * - The applicant suggests it from the portal (Art. 44 para 2): one suggestion per case, shown to staff in the
 *   work queue until a publication is proposed (which closes it in the same transaction) or staff decline it.
 * - Several applicants asking for similar information (the repeat-application similarity, pg_trgm) is shown
 *   on the case page as a reason to publish (similarRequestsByOthers).
 * The public list and downloads are in ./reading-room.ts.
 */
import 'server-only';
import { z } from 'zod';
import { db, PREPARED, type Tx } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CaseStatus, Outcome, PublicationStatus } from '@/lib/generated/prisma/enums';
import { isoToDbDate } from '@/lib/calendar/load-calendar';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { caseScopeWhere, eventActorOf, orgScopeWhere, type Actor } from '@/lib/cases/actor';
import { isUuid, writeEvent } from '@/lib/cases/case-write';
import { loadCaseRecordForPage } from '@/lib/cases/load-case-record';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { isConcludedStatus } from '@/lib/cases/workflow';
import { OUTCOME_RULES } from '@/lib/law/outcomes';
import { zLine, zText } from '@/lib/validation/text';

const STAFF = ['clerk', 'reviewer'] as const;
const TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;

function fail(code: DomainError['code'], key: string, params?: Record<string, unknown>): never {
  throw new DomainError(code, key, params);
}

function validationError(error: z.ZodError): DomainError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join('.') || '_form'] ??= []).push(issue.message);
  return new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors });
}

function requireStaff(actor: Actor, action: string, roles: readonly string[] = STAFF): void {
  if (!roles.includes(actor.role)) fail('FORBIDDEN', 'workflow.error.role_not_allowed', { action, role: actor.role });
}

/** An outcome that released information (granted, partially granted): only then is there something to publish. */
export function releasesInformation(outcome: Outcome | null): boolean {
  return outcome !== null && OUTCOME_RULES[outcome].disclosesInformation;
}

/** A concluded case in the actor's scope, with its released files (disclosed files of issued answers). */
async function loadConcludedCase(actor: Actor, caseId: string, client: Tx | typeof db = db) {
  if (!isUuid(caseId)) fail('NOT_FOUND', 'case.not_found');
  const kase = await client.case.findFirst({
    where: { AND: [{ id: caseId }, caseScopeWhere(actor)] },
    select: { id: true, orgId: true, status: true, outcome: true, version: true },
  });
  if (!kase) fail('NOT_FOUND', 'case.not_found');
  return kase;
}

export interface ReleasedFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Disclosed files of the case's issued answers: what may be published. */
export async function releasedFiles(caseId: string, client: Tx | typeof db = db): Promise<ReleasedFile[]> {
  return client.attachment.findMany({
    where: { caseId, purpose: 'disclosed_file', document: { type: 'answer', status: 'issued' } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, filename: true, contentType: true, size: true },
  });
}

// ── Staff: propose, decide, withdraw ───────────────────────────────────────────────────────────────────

export const proposePublicationSchema = z.object({
  title: zLine({ requiredMessage: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.too_long'),
  subject: zText({ requiredMessage: 'validation.required' }).min(1, 'validation.required').max(2000, 'validation.too_long'),
  attachmentIds: z.array(z.string().max(100)).max(50, 'validation.too_long'),
});
export type ProposePublicationInput = z.input<typeof proposePublicationSchema>;

export interface PublicationChange {
  publicationId: string;
  status: PublicationStatus;
  version: number;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Proposes publishing released files of a concluded case; closes an open applicant suggestion of the case. */
export async function proposePublication(params: { actor: Actor; caseId: string; input: ProposePublicationInput; now: Date }): Promise<PublicationChange> {
  const { actor, now } = params;
  requireStaff(actor, 'propose_publication');
  const parsed = proposePublicationSchema.safeParse(params.input);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const kase = await loadConcludedCase(actor, params.caseId);
  if (!isConcludedStatus(kase.status) || !releasesInformation(kase.outcome)) fail('INVALID_TRANSITION', 'case.publication.not_released');
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) throw new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors: { attachmentIds: ['case.publication.files_required'] } });
  const allowed = new Set((await releasedFiles(kase.id)).map((f) => f.id));
  if (ids.some((id) => !allowed.has(id))) {
    throw new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors: { attachmentIds: ['case.publication.file_not_released'] } });
  }
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.publication.create({
        data: {
          caseId: kase.id,
          orgId: kase.orgId,
          title: input.title,
          subject: input.subject,
          proposedById: actor.id,
          proposedAt: now,
          files: { create: ids.map((attachmentId, position) => ({ attachmentId, position })) },
        },
        select: { id: true, status: true, version: true },
      });
      const closed = await tx.publicationSuggestion.updateMany({
        where: { caseId: kase.id, closedAt: null },
        data: { closedAt: now, closedById: actor.id, closingNote: null },
      });
      await writeEvent(tx, {
        caseId: kase.id,
        actor: eventActorOf(actor),
        type: 'publication_proposed',
        fromStatus: kase.status,
        toStatus: kase.status,
        isPublic: false,
        occurredAt: now,
        data: { publicationId: created.id, title: input.title, attachmentIds: ids, suggestionClosed: closed.count > 0, basis: ['条例第四十四条'] },
      });
      return { publicationId: created.id, status: created.status, version: created.version };
    }, TX_OPTIONS);
  } catch (e) {
    // publications_live_case_id_key: a proposed or published item exists (a repeat or a double click).
    if (isUniqueViolation(e)) fail('CONFLICT', 'case.publication.already_live');
    throw e;
  }
}

/** The publication with its case, through the actor's case scope (NOT_FOUND otherwise). */
async function loadPublication(actor: Actor, publicationId: string) {
  if (!isUuid(publicationId)) fail('NOT_FOUND', 'case.publication.not_found');
  const p = await db.publication.findFirst({
    where: { id: publicationId, case: caseScopeWhere(actor) },
    select: { id: true, status: true, version: true, caseId: true, title: true, case: { select: { status: true } } },
  });
  if (!p) fail('NOT_FOUND', 'case.publication.not_found');
  return p;
}

/** Compare-and-set on the publication's status and version, then its case event. */
async function changePublication(
  actor: Actor,
  p: Awaited<ReturnType<typeof loadPublication>>,
  expectedVersion: number,
  from: PublicationStatus,
  to: PublicationStatus,
  data: Prisma.PublicationUpdateManyMutationInput,
  event: { type: string; now: Date; data: Record<string, unknown> },
): Promise<PublicationChange> {
  if (p.status !== from) fail('INVALID_TRANSITION', 'case.publication.wrong_status', { status: p.status });
  if (p.version !== expectedVersion) fail('CONFLICT', 'case.conflict');
  return db.$transaction(async (tx) => {
    const { count } = await tx.publication.updateMany({
      where: { id: p.id, status: from, version: expectedVersion },
      data: { ...data, status: to, version: { increment: 1 } },
    });
    if (count === 0) fail('CONFLICT', 'case.conflict');
    await writeEvent(tx, {
      caseId: p.caseId,
      actor: eventActorOf(actor),
      type: event.type,
      fromStatus: p.case.status,
      toStatus: p.case.status,
      isPublic: false,
      occurredAt: event.now,
      data: { publicationId: p.id, title: p.title, ...event.data, basis: ['条例第四十四条'] },
    });
    return { publicationId: p.id, status: to, version: expectedVersion + 1 };
  }, TX_OPTIONS);
}

const noteSchema = zText().max(2000, 'validation.too_long');

/** A reviewer approves (published today, Art. 44 "及时主动公开") or rejects (with a note) a proposal. */
export async function decidePublication(params: {
  actor: Actor;
  publicationId: string;
  expectedVersion: number;
  decision: 'approve' | 'reject';
  note?: string;
  now: Date;
}): Promise<PublicationChange> {
  const { actor, now } = params;
  requireStaff(actor, 'decide_publication', ['reviewer']);
  const note = noteSchema.safeParse(params.note ?? '');
  if (!note.success) throw validationError(note.error);
  const text = note.data.trim() || null;
  if (params.decision === 'reject' && !text) throw new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors: { note: ['workflow.guard.reason_given'] } });
  const p = await loadPublication(actor, params.publicationId);
  const today = chinaToday(now);
  if (params.decision === 'approve') {
    return changePublication(actor, p, params.expectedVersion, 'proposed', 'published', { decidedById: actor.id, decidedAt: now, decisionNote: text, publishedOn: isoToDbDate(today) }, {
      type: 'publication_approved',
      now,
      data: { publishedOn: today, note: text },
    });
  }
  return changePublication(actor, p, params.expectedVersion, 'proposed', 'rejected', { decidedById: actor.id, decidedAt: now, decisionNote: text }, {
    type: 'publication_rejected',
    now,
    data: { note: text },
  });
}

/** A reviewer takes a published item out of the public list, with a reason. */
export async function withdrawPublication(params: { actor: Actor; publicationId: string; expectedVersion: number; reason: string; now: Date }): Promise<PublicationChange> {
  const { actor, now } = params;
  requireStaff(actor, 'withdraw_publication', ['reviewer']);
  const reason = noteSchema.safeParse(params.reason ?? '');
  if (!reason.success) throw validationError(reason.error);
  const text = reason.data.trim();
  if (!text) throw new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors: { reason: ['workflow.guard.reason_given'] } });
  const p = await loadPublication(actor, params.publicationId);
  return changePublication(actor, p, params.expectedVersion, 'published', 'withdrawn', { withdrawnById: actor.id, withdrawnAt: now, withdrawalReason: text }, {
    type: 'publication_withdrawn',
    now,
    data: { reason: text },
  });
}

// ── Applicant's suggestion (Art. 44 para 2) ────────────────────────────────────────────────────────────

/**
 * The applicant suggests publishing what was released to them. Own concluded case that released information;
 * one suggestion per case (a repeat or double click returns the first, isNew false).
 */
export async function suggestPublication(params: { actor: Actor; caseId: string; note?: string; now: Date }): Promise<{ isNew: boolean }> {
  const { actor, now } = params;
  if (actor.role !== 'applicant') fail('FORBIDDEN', 'workflow.error.role_not_allowed', { action: 'suggest_publication', role: actor.role });
  const note = noteSchema.safeParse(params.note ?? '');
  if (!note.success) throw validationError(note.error);
  const kase = await loadConcludedCase(actor, params.caseId);
  if (!isConcludedStatus(kase.status) || !releasesInformation(kase.outcome)) fail('INVALID_TRANSITION', 'case.publication.not_released');
  try {
    await db.$transaction(async (tx) => {
      const s = await tx.publicationSuggestion.create({ data: { caseId: kase.id, note: note.data.trim() || null, createdAt: now }, select: { id: true } });
      await writeEvent(tx, {
        caseId: kase.id,
        actor: eventActorOf(actor),
        type: 'publication_suggested',
        fromStatus: kase.status,
        toStatus: kase.status,
        isPublic: true,
        occurredAt: now,
        data: { suggestionId: s.id, basis: ['条例第四十四条第二款'] },
      });
    }, TX_OPTIONS);
    return { isNew: true };
  } catch (e) {
    if (isUniqueViolation(e)) return { isNew: false };
    throw e;
  }
}

/** Whether the case's applicant already suggested publishing it (the portal shows the confirmation instead). */
export async function hasPublicationSuggestion(caseId: string): Promise<boolean> {
  if (!isUuid(caseId)) return false;
  return (await db.publicationSuggestion.count({ where: { caseId } })) > 0;
}

/** Staff decline an applicant's suggestion with a note (it leaves the work queue). */
export async function declineSuggestion(params: { actor: Actor; caseId: string; note: string; now: Date }): Promise<void> {
  const { actor, now } = params;
  requireStaff(actor, 'decline_publication_suggestion');
  const note = noteSchema.safeParse(params.note ?? '');
  if (!note.success) throw validationError(note.error);
  const text = note.data.trim();
  if (!text) throw new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors: { note: ['workflow.guard.reason_given'] } });
  const kase = await loadConcludedCase(actor, params.caseId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.publicationSuggestion.updateMany({ where: { caseId: kase.id, closedAt: null }, data: { closedAt: now, closedById: actor.id, closingNote: text } });
    if (count === 0) fail('CONFLICT', 'case.publication.no_open_suggestion');
    await writeEvent(tx, {
      caseId: kase.id,
      actor: eventActorOf(actor),
      type: 'publication_suggestion_declined',
      fromStatus: kase.status,
      toStatus: kase.status,
      isPublic: false,
      occurredAt: now,
      data: { note: text, basis: ['条例第四十四条第二款'] },
    });
  }, TX_OPTIONS);
}

// ── What the staff case page shows ─────────────────────────────────────────────────────────────────────

export interface SimilarRequest {
  caseId: string;
  trackingNo: string;
  status: CaseStatus;
  outcome: Outcome | null;
  similarityPercent: number;
}

export interface CasePublications {
  /** The case concluded releasing information: a publication can be proposed (when none is live). */
  canPropose: boolean;
  files: ReleasedFile[];
  publications: {
    id: string;
    status: PublicationStatus;
    version: number;
    title: string;
    subject: string;
    publishedOn: IsoDate | null;
    decisionNote: string | null;
    withdrawalReason: string | null;
    files: { id: string; filename: string }[];
  }[];
  suggestion: { createdAt: Date; note: string | null; isOpen: boolean; closingNote: string | null } | null;
  /** Similar requests of other applicants (Art. 44 para 1 "多个申请人"), most similar first. */
  similar: SimilarRequest[];
}

/** Everything the case page's reading-room panel shows; null when the case is not in the staff actor's scope. */
export async function casePublications(actor: Actor, caseId: string): Promise<CasePublications | null> {
  if (actor.role === 'applicant' || !isUuid(caseId)) return null;
  // The case as the page has read it already (once per request, scoped: load-case-record.ts).
  const loaded = await loadCaseRecordForPage(actor, caseId);
  if (!loaded) return null;
  const kase = loaded.record;
  const [panel, similar] = await Promise.all([
    readPanel(kase.id),
    isConcludedStatus(kase.status) && releasesInformation(kase.outcome) ? similarRequestsByOthers(actor, kase) : [],
  ]);
  const { files, publications, suggestion } = panel;
  const live = publications.some((p) => p.status === 'proposed' || p.status === 'published');
  return {
    canPropose: isConcludedStatus(kase.status) && releasesInformation(kase.outcome) && files.length > 0 && !live,
    files,
    publications,
    suggestion: suggestion ? { createdAt: suggestion.createdAt, note: suggestion.note, isOpen: suggestion.closedAt === null, closingNote: suggestion.closingNote } : null,
    similar,
  };
}

/**
 * The case's released files (as releasedFiles), its publications newest first with their files in order, and
 * the applicant's suggestion: one statement (Prisma sent five). Ties in time broken by id (uuid v7).
 */
async function readPanel(caseId: string): Promise<Pick<CasePublications, 'files' | 'publications'> & { suggestion: { createdAt: Date; note: string | null; closedAt: Date | null; closingNote: string | null } | null }> {
  // Through plain `pg` (lib/db-read.ts): every column is jsonb, decoded alike by both drivers.
  const [row] = await readRows<
    {
      files: ReleasedFile[] | null;
      publications: (Omit<CasePublications['publications'][number], 'publishedOn'> & { publishedOn: string | null })[] | null;
      suggestion: { createdAt: string; note: string | null; closedAt: string | null; closingNote: string | null } | null;
    }
  >(db, Prisma.sql`${Prisma.raw(PREPARED)}
    SELECT
      (SELECT jsonb_agg(jsonb_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size) ORDER BY a.created_at, a.id)
        FROM attachments a JOIN documents d ON d.id = a.document_id
        WHERE a.case_id = ${caseId}::uuid AND a.purpose = 'disclosed_file' AND d.type = 'answer' AND d.status = 'issued') AS files,
      (SELECT jsonb_agg(jsonb_build_object('id', p.id, 'status', p.status, 'version', p.version, 'title', p.title, 'subject', p.subject,
          'publishedOn', p.published_on, 'decisionNote', p.decision_note, 'withdrawalReason', p.withdrawal_reason,
          'files', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'filename', a.filename) ORDER BY f.position), '[]'::jsonb)
                    FROM publication_files f JOIN attachments a ON a.id = f.attachment_id WHERE f.publication_id = p.id))
          ORDER BY p.proposed_at DESC, p.id DESC)
        FROM publications p WHERE p.case_id = ${caseId}::uuid) AS publications,
      (SELECT jsonb_build_object('createdAt', s.created_at, 'note', s.note, 'closedAt', s.closed_at, 'closingNote', s.closing_note)
        FROM publication_suggestions s WHERE s.case_id = ${caseId}::uuid) AS suggestion`);
  const s = row?.suggestion ?? null;
  return {
    files: row?.files ?? [],
    publications: (row?.publications ?? []).map((p) => ({ ...p, publishedOn: p.publishedOn ? (p.publishedOn.slice(0, 10) as IsoDate) : null })),
    suggestion: s ? { createdAt: new Date(s.createdAt), note: s.note, closedAt: s.closedAt ? new Date(s.closedAt) : null, closingNote: s.closingNote } : null,
  };
}

const MAX_SIMILAR = 10;

/**
 * Applications of OTHER applicants (another account, or another name) in the actor's scope asking for similar
 * information: the signal of Art. 44 para 1 ("多个申请人就相同政府信息…提出公开申请"). Similarity is pg_trgm's, as
 * for repeat applications (lib/cases/repeat-applications.ts), but searched across all applicants with the
 * `%` operator so the trigram index on the request text serves it; `%` means similarity ≥ pg_trgm's threshold
 * (0.3 by default), a little stricter than the repeat matches' 0.2 because these are strangers' requests.
 */
export async function similarRequestsByOthers(
  actor: Actor,
  kase: { id: string; description: string; applicantName: string; applicantUserId: string | null },
): Promise<SimilarRequest[]> {
  if (!kase.description.trim()) return [];
  let orgCondition = Prisma.sql`TRUE`;
  if (actor.role !== 'admin') {
    const orgs = await db.organisation.findMany({ where: orgScopeWhere(actor), select: { id: true } });
    if (orgs.length === 0) return [];
    orgCondition = Prisma.sql`c.org_id = ANY(${orgs.map((o) => o.id)}::int[])`;
  }
  const rows = await db.$queryRaw<{ id: string; tracking_no: string; status: CaseStatus; outcome: Outcome | null; sim: number }[]>`
    SELECT c.id, c.tracking_no, c.status, c.outcome, similarity(c.description, ${kase.description}) AS sim
    FROM cases c
    WHERE c.id <> ${kase.id}::uuid
      AND ${orgCondition}
      AND c.applicant_name <> ${kase.applicantName}
      AND (${kase.applicantUserId}::uuid IS NULL OR c.applicant_user_id IS DISTINCT FROM ${kase.applicantUserId}::uuid)
      AND c.description % ${kase.description}
    ORDER BY sim DESC, c.created_at DESC
    LIMIT ${MAX_SIMILAR}`;
  return rows.map((r) => ({ caseId: r.id, trackingNo: r.tracking_no, status: r.status, outcome: r.outcome, similarityPercent: Math.round(Number(r.sim) * 100) }));
}
