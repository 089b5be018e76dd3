/**
 * Creating a case: (a) an applicant's submission on the portal (signed in or anonymous) and (b) staff
 * registering an application that arrived by letter, at the counter, by fax or e-mail, or orally.
 *
 * Receipt date (收到申请之日, Art. 31), by channel:
 * - in person: the day it is handed in; oral applications recorded by staff (Art. 29 para 1): that day;
 * - post that is signed for: the day the agency signs for it;
 * - plain letter: the date the 工作机构 confirms with the applicant;
 * - online form, e-mail, fax: the date both sides confirm (the rule: lib/cases/receipt-date.ts legalReceiptDate).
 * Cases without a receipt date start in pending_confirmation with no clock (INITIAL_STATUS_BY_CHANNEL);
 * staff who already confirmed (e.g. by phone on arrival) give the confirmation date, and the case is
 * registered and confirmed in one transaction (events `registered` + `receipt_confirmed`).
 *
 * Idempotency: a submission key (unique `submission_key`) makes a retried or double-clicked submit return
 * the same case — also under a race, where the loser of the unique constraint reads the winner's case.
 * Tracking numbers are random and retried on collision. The access code is returned once and stored
 * only as a keyed hash (lib/cases/access-code.ts). Identity numbers and contact details are stored
 * encrypted with blind indexes (lib/privacy/personal-data.ts caseContactData), the identity number also masked.
 */
import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Channel } from '@/lib/law/ids';
import { APPLICANT_TYPES } from '@/lib/law/ids';
import { yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import { isoToDbDate } from '@/lib/calendar/load-calendar';
import { caseContactData } from '@/lib/privacy/personal-data';
import { applicationFormSchema, DELIVERY_METHODS, ID_DOC_TYPES, REQUESTED_FORMS, type ApplicationFormInput } from '@/lib/validation/application-schema';
import { residentIdIssue } from '@/lib/validation/resident-id';
import { usccIssue } from '@/lib/validation/uscc';
import { MAINLAND_MOBILE, normalizeMobile, POSTAL_CODE } from '@/lib/validation/contact';
import { VALIDATION_MESSAGES as M } from '@/lib/validation/messages';
import { INT4_MAX, zInt, zIsoDate } from '@/lib/validation/bounds';
import { zLine, zText } from '@/lib/validation/text';
import { orgScopeWhere, type Actor } from '@/lib/cases/actor';
import { deriveAccessCode, generateAccessCode, generateTrackingNo, hashAccessCode, replayAccessCode } from '@/lib/cases/access-code';
import { writeEvent } from '@/lib/cases/case-write';
import { legalReceiptDate, RECEIPT_RULE } from '@/lib/cases/receipt-date';
import { checkApplicantFiles, storeApplicantFilesWithEvents, type ApplicantFile, type CheckedApplicantFile } from '@/lib/attachments/applicant-files';
import { answerDueOnFromLedger, chinaToday, ledgerForNewCase, refreshAnswerDueOn, verifyLedgers } from '@/lib/cases/deadline-for-case';
import { assertTransition, INITIAL_STATUS_BY_CHANNEL, TRANSITIONS } from '@/lib/cases/workflow';
import { outboxRows, queueNotification } from '@/lib/notifications/outbox';
import { uuidV7 } from '@/lib/import/uuid-v7';
import { pgPool } from '@/lib/db-pool';
import { reportYearsChangedBy } from '@/lib/reports/affected-years';
import { assertPeriodUnlocked } from '@/lib/reports/period-lock';

export interface RegisterCaseResult {
  caseId: string;
  trackingNo: string;
  /** Shown once (portal confirmation page, counter receipt); only its hash is stored. */
  accessCode?: string;
  /** True when an earlier submission with the same key was returned instead of creating a case. */
  isReplay: boolean;
}

const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,100}$/;
const MAX_TRACKING_ATTEMPTS = 6;

function validationError(error: z.ZodError): DomainError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors });
}

function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function violatesSubmissionKey(error: Prisma.PrismaClientKnownRequestError): boolean {
  return /submission_?key/i.test(JSON.stringify(error.meta ?? {}));
}

interface NewCaseData {
  orgId: number;
  applicantUserId: string | null;
  applicantType: Prisma.CaseCreateManyInput['applicantType'];
  applicantName: string;
  idDocType: Prisma.CaseCreateManyInput['idDocType'];
  idNumber: string | null;
  legalRepresentative: string | null;
  contactPerson: string | null;
  mobile: string | null;
  email: string | null;
  postalAddress: string | null;
  postalCode: string | null;
  description: string;
  documentRef: string | null;
  requestedForm: Prisma.CaseCreateManyInput['requestedForm'];
  deliveryMethod: Prisma.CaseCreateManyInput['deliveryMethod'];
  channel: Channel;
  source: 'portal' | 'staff';
  arrivedAt: Date;
}

interface Confirmation {
  receivedOn: IsoDate;
  confirmedAt: Date | null;
  note: string | null;
  /** Counter, signed post, oral: the receipt date comes with registration (no separate confirmation step). */
  atRegistration: boolean;
}

async function existingBySubmissionKey(submissionKey: string, applicantUserId: string | null): Promise<RegisterCaseResult | null> {
  const found = await db.case.findUnique({
    where: { submissionKey },
    select: { id: true, trackingNo: true, applicantUserId: true, source: true, accessCodeHash: true },
  });
  return found ? replayOf(found, submissionKey, applicantUserId) : null;
}

/** The answer to a repeated submission key: the case it created, to whoever used the key first only. */
async function replayOf(
  found: { id: string; trackingNo: string; applicantUserId: string | null; source: string; accessCodeHash: string | null },
  submissionKey: string,
  applicantUserId: string | null,
): Promise<RegisterCaseResult> {
  // A key is bound to whoever used it first: someone else's key never reveals that case.
  if (found.applicantUserId !== applicantUserId) throw new DomainError('CONFLICT', 'case.submission_key_reused');
  return {
    caseId: found.id,
    trackingNo: found.trackingNo,
    accessCode: found.source === 'portal' ? await replayAccessCode(submissionKey, found.accessCodeHash) : undefined,
    isReplay: true,
  };
}

/**
 * Inserts the case with a fresh tracking number; retries on a tracking-number collision, and turns a
 * submission-key collision (a concurrent duplicate submit) into a replay of the winner's case.
 */
async function createCase(params: {
  data: NewCaseData;
  submissionKey: string | null;
  actor: Actor | null;
  now: Date;
  confirmation: Confirmation | null;
  /** Supporting files of a portal application (checked), stored in the same transaction. */
  files?: readonly CheckedApplicantFile[];
  /** Further steps of a composite operation, in the same transaction after the registration (and retried with it). */
  within?: StaffRegistrationContinuation;
  /** The organisation as the caller read it with its scope check (staff registration); otherwise read here. */
  org?: { name: string; retiredAt: Date | null };
}): Promise<RegisterCaseResult> {
  const { data, submissionKey, actor, now, confirmation } = params;
  const today = chinaToday(now);
  const accessCode = submissionKey && data.source === 'portal' ? await deriveAccessCode(submissionKey) : generateAccessCode();
  const accessCodeHash = await hashAccessCode(accessCode);
  const personal = caseContactData(data);
  const initialStatus = INITIAL_STATUS_BY_CHANNEL[data.channel];

  for (let attempt = 1; ; attempt++) {
    const trackingNo = generateTrackingNo(yearOf(today));
    try {
      const caseId = await db.$transaction(async (tx: Tx) => {
        const org = params.org ?? (await tx.organisation.findUniqueOrThrow({ where: { id: data.orgId }, select: { name: true, retiredAt: true } }));
        if (org.retiredAt) throw new DomainError('VALIDATION', 'case.org_retired', { orgId: data.orgId });
        const status = confirmation ? 'in_progress' : initialStatus;
        // The due date of a case received now depends on the receipt date only: stored with the row.
        const ledger = confirmation ? await ledgerForNewCase(confirmation.receivedOn, today) : null;
        const created = await tx.case.create({
          data: {
            trackingNo,
            accessCodeHash,
            submissionKey,
            source: data.source,
            orgId: data.orgId,
            applicantUserId: data.applicantUserId,
            applicantType: data.applicantType,
            applicantName: data.applicantName,
            idDocType: data.idDocType,
            ...personal,
            legalRepresentative: data.legalRepresentative,
            contactPerson: data.contactPerson,
            postalCode: data.postalCode,
            description: data.description,
            documentRef: data.documentRef,
            requestedForm: data.requestedForm,
            deliveryMethod: data.deliveryMethod,
            channel: data.channel,
            arrivedAt: data.arrivedAt,
            ...(confirmation
              ? { receivedOn: isoToDbDate(confirmation.receivedOn), confirmedAt: confirmation.confirmedAt, confirmationNote: confirmation.note }
              : {}),
            ...(ledger ? { answerDueOn: answerDueOnFromLedger(ledger) } : {}),
            status,
          },
          select: { id: true },
        });
        if (confirmation) {
          // A new case with a receipt date enters the receipt year's table and is carried over until today.
          const years = reportYearsChangedBy(
            null,
            { orgId: data.orgId, applicantType: data.applicantType, receivedOn: confirmation.receivedOn, concludedOn: null, outcome: null },
            yearOf(today),
          );
          await assertPeriodUnlocked(tx, { orgIds: [data.orgId], years });
        }
        const eventActor = actor ? { id: actor.id, role: actor.role } : null;
        const registeredStatus = confirmation?.atRegistration ? 'in_progress' : initialStatus;
        await writeEvent(tx, {
          caseId: created.id,
          actor: eventActor,
          type: data.source === 'portal' ? 'submitted' : 'registered',
          fromStatus: null,
          toStatus: registeredStatus,
          isPublic: true,
          occurredAt: now,
          data: {
            channel: data.channel,
            source: data.source,
            arrivedAt: data.arrivedAt.toISOString(),
            receivedOn: confirmation?.atRegistration ? confirmation.receivedOn : null,
            basis: ['条例第二十九条', '条例第三十一条'],
          },
        });
        if (params.files?.length) {
          await storeApplicantFilesWithEvents(tx, { caseId: created.id, status: registeredStatus, purpose: 'application_file', files: params.files, actor: eventActor, now });
        }
        let answerDueOn: IsoDate | null = null;
        let answerDueTentative = false;
        if (ledger) {
          answerDueOn = ledger.answerDue;
          answerDueTentative = ledger.answerDueCalendarProvisional;
          if (verifyLedgers()) {
            const stored = await refreshAnswerDueOn(tx, created.id, today);
            if (JSON.stringify(stored) !== JSON.stringify(ledger)) throw new Error(`verify ledger (registration): ${JSON.stringify(ledger)} ≠ stored ${JSON.stringify(stored)}`);
          }
        }
        if (confirmation && !confirmation.atRegistration) {
          await writeEvent(tx, {
            caseId: created.id,
            actor: eventActor,
            type: TRANSITIONS.confirm_receipt.event,
            fromStatus: 'pending_confirmation',
            toStatus: 'in_progress',
            isPublic: true,
            occurredAt: now,
            data: {
              before: { receivedOn: null },
              after: { receivedOn: confirmation.receivedOn },
              input: { receivedOn: confirmation.receivedOn, confirmationNote: confirmation.note },
              basis: TRANSITIONS.confirm_receipt.basis,
              answerDueOn,
            },
          });
        }
        const recipient = { caseId: created.id, email: data.email, mobile: data.mobile, locale: actor?.role === 'applicant' ? await localeOf(tx, actor.id) : null };
        if (confirmation) {
          await queueNotification(tx, recipient, 'receipt_confirmed', {
            trackingNo,
            orgName: org.name,
            receivedOn: confirmation.receivedOn,
            answerDueOn,
            answerDueTentative,
          });
        } else {
          await queueNotification(tx, recipient, 'submitted', { trackingNo, orgName: org.name, isPendingConfirmation: true });
        }
        await params.within?.(tx, { caseId: created.id, trackingNo });
        return created.id;
      }, { timeout: 20_000, maxWait: 10_000 });
      return { caseId, trackingNo, accessCode, isReplay: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (submissionKey && violatesSubmissionKey(error)) {
        const replay = await existingBySubmissionKey(submissionKey, data.applicantUserId);
        if (replay) return replay;
      }
      if (submissionKey) {
        // Constraint not named by the driver: a case with this key means we lost the race.
        const replay = await existingBySubmissionKey(submissionKey, data.applicantUserId);
        if (replay) return replay;
      }
      if (attempt >= MAX_TRACKING_ATTEMPTS) throw error; // tracking-number space exhausted: a real fault
    }
  }
}

// ── (a) portal submission without files: two statements ──────────────────────────────────────────────────

/** A unique violation from a raw statement (the driver's 23505) or from the Prisma client (P2002). */
function isRawUniqueViolation(error: unknown): boolean {
  if (isUniqueViolation(error)) return true;
  const e = error as { code?: unknown; meta?: { code?: unknown }; message?: unknown };
  return e?.meta?.code === '23505' || e?.code === '23505' || /23505|unique constraint/i.test(String(e?.message ?? ''));
}

/** createPortalCase's read: $1 applicant account (or null), $2 organisation, $3 submission key. */
const PORTAL_READ_SQL = `
  SELECT o.name AS org_name, o.retired_at IS NOT NULL AS org_retired,
         (SELECT u.locale FROM users u WHERE u.id = $1::uuid) AS locale,
         c.id::text AS case_id, c.tracking_no, c.applicant_user_id::text AS applicant_user_id, c.source::text AS source, c.access_code_hash
  FROM (SELECT 1) AS one
  LEFT JOIN organisations o ON o.id = $2
  LEFT JOIN cases c ON c.submission_key = $3`;

/**
 * createPortalCase's write: the case (only while the organisation is not retired, and only if the key is
 * new), its `submitted` event and its outbox messages (parallel arrays $33–$38), in one statement.
 */
const PORTAL_INSERT_SQL = `
  WITH o AS (SELECT id FROM organisations WHERE id = $1 AND retired_at IS NULL),
  c AS (
    INSERT INTO cases (id, tracking_no, access_code_hash, submission_key, source, org_id, applicant_user_id, applicant_type,
                       applicant_name, id_doc_type, id_number_enc, id_number_bidx, id_number_masked, legal_representative,
                       contact_person, mobile_enc, mobile_bidx, email_enc, email_bidx, postal_address_enc, postal_code,
                       description, document_ref, requested_form, delivery_method, channel, arrived_at, status, version,
                       created_at, updated_at)
    SELECT $2::uuid, $3, $4, $5, $6::"CaseSource", o.id, $7::uuid, $8::"ApplicantType", $9, $10::"IdDocType", $11, $12, $13,
           $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24::"RequestedForm", $25::"DeliveryMethod", $26::"Channel",
           $27::timestamptz, $28::"CaseStatus", 0, $29::timestamptz, $29::timestamptz
    FROM o
    ON CONFLICT (submission_key) DO NOTHING
    RETURNING id
  ),
  e AS (
    INSERT INTO case_events (case_id, actor_id, actor_role, type, from_status, to_status, data, is_public, occurred_at)
    SELECT c.id, $30::uuid, $31, 'submitted', NULL, $28::"CaseStatus", $32::jsonb, true, $29::timestamptz
    FROM c
  ),
  m AS (
    INSERT INTO outbox_messages (id, channel, recipient_enc, subject, body, template, case_id)
    SELECT r.id, r.channel::"OutboxChannel", r.recipient_enc, r.subject, r.body, r.template, c.id
    FROM c CROSS JOIN unnest($33::uuid[], $34::text[], $35::text[], $36::text[], $37::text[], $38::text[])
           AS r(id, channel, recipient_enc, subject, body, template)
  )
  SELECT (SELECT id::text FROM c) AS case_id, EXISTS (SELECT 1 FROM o) AS org_ok`;

/**
 * A portal submission without files (issue 13 item 3: a submission spent ~10 ms of Node CPU in Prisma's
 * query interpretation of nine statements). Two named (prepared) statements through plain `pg`
 * (lib/db-pool.ts: ~0.2 ms of CPU each instead of ~0.9 through Prisma):
 * 1. one read: the organisation (its name for the notification, retired or not), an earlier case with the
 *    same submission key (a replay is answered here), and the signed-in applicant's locale;
 * 2. one INSERT … WITH statement that writes the case, its public `submitted` event and its outbox messages.
 *    A single statement is atomic — all rows or none — and its AFTER triggers (write generations, report
 *    generations, foreign keys) run at its end as in a transaction.
 * The rows are those createCase writes for a portal submission (an integration test compares both paths
 * column by column). Two submissions with one key in flight at once meet at the unique `submission_key`
 * (ON CONFLICT DO NOTHING): the loser inserts nothing — no case, event or message — and answers with the
 * winner's case. The organisation is checked again inside the statement (retired since the read → refused).
 */
async function createPortalCase(params: { data: NewCaseData; submissionKey: string; actor: Actor | null; now: Date }): Promise<RegisterCaseResult> {
  const { data, submissionKey, actor, now } = params;
  const [found] = (
    await pgPool().query<{
      org_name: string | null;
      org_retired: boolean | null;
      locale: string | null;
      case_id: string | null;
      tracking_no: string | null;
      applicant_user_id: string | null;
      source: string | null;
      access_code_hash: string | null;
    }>({ name: 'gk_portal_submission_read', text: PORTAL_READ_SQL, values: [data.applicantUserId, data.orgId, submissionKey] })
  ).rows;
  if (found?.case_id) {
    return replayOf({ id: found.case_id, trackingNo: found.tracking_no!, applicantUserId: found.applicant_user_id, source: found.source!, accessCodeHash: found.access_code_hash }, submissionKey, data.applicantUserId);
  }
  if (!found?.org_name) throw new DomainError('VALIDATION', 'case.org_not_found', { orgId: data.orgId });
  if (found.org_retired) throw new DomainError('VALIDATION', 'case.org_retired', { orgId: data.orgId });

  const today = chinaToday(now);
  const accessCode = await deriveAccessCode(submissionKey);
  const accessCodeHash = await hashAccessCode(accessCode);
  const personal = caseContactData(data);
  const status = INITIAL_STATUS_BY_CHANNEL[data.channel];
  const eventActor = actor ? { id: actor.id, role: actor.role } : null;
  const eventData = {
    channel: data.channel,
    source: data.source,
    arrivedAt: data.arrivedAt.toISOString(),
    receivedOn: null,
    basis: ['条例第二十九条', '条例第三十一条'],
  };

  for (let attempt = 1; ; attempt++) {
    const trackingNo = generateTrackingNo(yearOf(today));
    const caseId = uuidV7(now.getTime());
    const messages = outboxRows({ caseId, email: data.email, mobile: data.mobile, locale: found.locale }, 'submitted', {
      trackingNo,
      orgName: found.org_name,
      isPendingConfirmation: true,
    });
    try {
      const values = [
        data.orgId,
        caseId,
        trackingNo,
        accessCodeHash,
        submissionKey,
        data.source,
        data.applicantUserId,
        data.applicantType,
        data.applicantName,
        data.idDocType,
        personal.idNumberEnc,
        personal.idNumberBidx,
        personal.idNumberMasked,
        data.legalRepresentative,
        data.contactPerson,
        personal.mobileEnc,
        personal.mobileBidx,
        personal.emailEnc,
        personal.emailBidx,
        personal.postalAddressEnc,
        data.postalCode,
        data.description,
        data.documentRef,
        data.requestedForm,
        data.deliveryMethod,
        data.channel,
        data.arrivedAt,
        status,
        now,
        eventActor?.id ?? null,
        eventActor?.role ?? 'applicant_anonymous',
        JSON.stringify(eventData),
        messages.map(() => uuidV7(now.getTime())),
        messages.map((m) => m.channel),
        messages.map((m) => m.recipientEnc),
        messages.map((m) => m.subject),
        messages.map((m) => m.body),
        messages.map((m) => m.template),
      ];
      const [row] = (await pgPool().query<{ case_id: string | null; org_ok: boolean }>({ name: 'gk_portal_submission_insert', text: PORTAL_INSERT_SQL, values })).rows;
      if (row?.case_id) return { caseId: row.case_id, trackingNo, accessCode, isReplay: false };
      if (!row?.org_ok) throw new DomainError('VALIDATION', 'case.org_retired', { orgId: data.orgId });
      // The key was taken by a submission that committed meanwhile: answer with its case.
      const replay = await existingBySubmissionKey(submissionKey, data.applicantUserId);
      if (replay) return replay;
    } catch (error) {
      if (!isRawUniqueViolation(error)) throw error;
      // A tracking-number collision: another number.
    }
    if (attempt >= MAX_TRACKING_ATTEMPTS) throw new Error('portal submission: no case after repeated attempts');
  }
}

async function localeOf(tx: Tx, userId: string): Promise<string | null> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return user?.locale ?? null;
}

function assertSubmissionKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (!SUBMISSION_KEY.test(key)) throw new DomainError('VALIDATION', 'case.submission_key_invalid');
  return key;
}

// ── (a) portal submission ───────────────────────────────────────────────────────────────────────────────

/**
 * An applicant's submission on the portal (channel online → pending_confirmation: no clock until both sides
 * confirm, Art. 31). `applicant` is the signed-in applicant, or null for an anonymous submission.
 * `form` is validated again with applicationFormSchema (the server action parses it first).
 */
export async function submitApplication(params: {
  form: ApplicationFormInput | Record<string, unknown>;
  submissionKey: string;
  applicant: Actor | null;
  now: Date;
  /** Supporting files (public application_file attachments); checked with the applicant caps. */
  files?: readonly ApplicantFile[];
  /**
   * 'transaction': write a submission without files through createCase's transaction too (for the test that
   * compares both paths' rows); by default such a submission is written by createPortalCase.
   */
  via?: 'statement' | 'transaction';
}): Promise<RegisterCaseResult> {
  const submissionKey = assertSubmissionKey(params.submissionKey);
  if (!submissionKey) throw new DomainError('VALIDATION', 'case.submission_key_invalid');
  if (params.applicant && params.applicant.role !== 'applicant') {
    throw new DomainError('FORBIDDEN', 'case.portal_applicants_only');
  }
  const applicantUserId = params.applicant?.id ?? null;
  const viaStatement = !params.files?.length && params.via !== 'transaction';
  if (!viaStatement) {
    const replay = await existingBySubmissionKey(submissionKey, applicantUserId);
    if (replay) return replay;
  }

  const parsed = applicationFormSchema.safeParse(params.form);
  const files = checkApplicantFiles(params.files ?? []);
  if (!parsed.success) {
    // A replay is answered whatever the form says now (the key decides), as on the transaction path.
    const replay = viaStatement ? await existingBySubmissionKey(submissionKey, applicantUserId) : null;
    if (replay) return replay;
    throw validationError(parsed.error);
  }
  const form = parsed.data;
  const isPerson = form.applicantType === 'natural_person';
  const data: NewCaseData = {
    orgId: form.orgId,
    applicantUserId,
    applicantType: form.applicantType,
    applicantName: form.applicantName,
    idDocType: isPerson ? form.idDocType : null,
    idNumber: isPerson ? form.idNumber : (form.uscc ?? null),
    legalRepresentative: isPerson ? null : form.legalRepresentative,
    contactPerson: isPerson ? null : form.contactPerson,
    mobile: form.mobile,
    email: form.email ?? null,
    postalAddress: form.postalAddress ?? null,
    postalCode: form.postalCode ?? null,
    description: form.description ?? '',
    documentRef: form.documentRef ?? null,
    requestedForm: form.requestedForm,
    deliveryMethod: form.deliveryMethod,
    channel: 'online',
    source: 'portal',
    arrivedAt: params.now,
  };
  // Without files: two statements (createPortalCase; the replay check is in its first). With files: the
  // transaction that also stores them.
  if (viaStatement) return createPortalCase({ data, submissionKey, actor: params.applicant, now: params.now });
  const org = await db.organisation.findUnique({ where: { id: form.orgId }, select: { id: true } });
  if (!org) throw new DomainError('VALIDATION', 'case.org_not_found', { orgId: form.orgId });
  return createCase({ data, submissionKey, actor: params.applicant, now: params.now, confirmation: null, files });
}

// ── (b) staff registration ─────────────────────────────────────────────────────────────────────────────

export const STAFF_CHANNELS = ['email', 'fax', 'post_signed', 'post_unsigned', 'in_person', 'oral_recorded', 'other'] as const;

const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** Text rule of lib/validation/text.ts: NUL / lone surrogates refused, controls and bidi marks stripped. */
const optionalText = (max: number, multiline = false) => z.preprocess(blank, (multiline ? zText() : zLine()).max(max, M.tooLong).optional());
const optionalDate = z.preprocess(blank, zIsoDate().optional());

/**
 * What staff type in from a letter, a fax, an e-mail or at the counter. Looser than the portal form: an
 * application that lacks an element is still registered, and 补正 (Art. 30) asks for the rest. Identity
 * numbers and contact details are checked whenever given.
 */
function registrationSchema<const C extends readonly [Channel, ...Channel[]]>(channels: C) {
  return z
    .object({
      /** Defaults to the registering staff member's organisation; must be in their subtree. */
      orgId: z.preprocess(blank, zInt({ min: 1, max: INT4_MAX }).optional()),
      channel: z.enum(channels, { error: M.invalidOption }),
      /** Day the letter / fax / e-mail arrived or the applicant came (default: today). */
      arrivedOn: optionalDate,
      /** post_signed: day the agency signed for it (default: arrivedOn). */
      signedForOn: optionalDate,
      /** post_unsigned, e-mail, fax, other: the confirmation date (Art. 31), if already confirmed. */
      confirmedOn: optionalDate,
      confirmationNote: optionalText(1000, true),
      applicantType: z.enum(APPLICANT_TYPES, { error: M.invalidOption }),
      applicantName: zLine({ requiredMessage: M.required }).min(1, M.required).max(100, M.tooLong),
      idDocType: z.preprocess(blank, z.enum(ID_DOC_TYPES, { error: M.invalidOption }).optional()),
      idNumber: z.preprocess(blank, zLine().toUpperCase().max(50, M.tooLong).optional()),
      legalRepresentative: optionalText(50),
      contactPerson: optionalText(50),
      mobile: z.preprocess((v) => (typeof v === 'string' ? normalizeMobile(v) || undefined : v), z.string().regex(MAINLAND_MOBILE, M.mobileInvalid).optional()),
      email: z.preprocess(blank, z.email(M.emailInvalid).max(254, M.tooLong).optional()),
      postalAddress: optionalText(200),
      postalCode: z.preprocess(blank, z.string().regex(POSTAL_CODE, M.postalCodeInvalid).optional()),
      description: optionalText(5000, true),
      documentRef: optionalText(200),
      requestedForm: z.preprocess(blank, z.enum(REQUESTED_FORMS, { error: M.invalidOption }).default('paper')),
      deliveryMethod: z.preprocess(blank, z.enum(DELIVERY_METHODS, { error: M.invalidOption }).default('post')),
    })
    .superRefine((form, ctx) => {
      const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
      if (form.description === undefined && form.documentRef === undefined) issue(M.informationDescriptionRequired, 'description');
      if (form.idNumber !== undefined) {
        if (form.applicantType === 'natural_person' && form.idDocType === 'resident_id') {
          // Birth date not after today (China time), as on the portal form.
          const problem = residentIdIssue(form.idNumber, { today: chinaToday(new Date()) });
          if (problem) issue(problem === 'birth_date' ? M.residentIdBirthDate : M.residentIdFormat, 'idNumber');
        }
        if (form.applicantType !== 'natural_person' && usccIssue(form.idNumber)) issue(M.usccFormat, 'idNumber');
      }
      if (form.signedForOn !== undefined && form.channel !== 'post_signed') issue(M.invalidOption, 'signedForOn');
      if (form.confirmedOn !== undefined && INITIAL_STATUS_BY_CHANNEL[form.channel] !== 'pending_confirmation') {
        issue(M.invalidOption, 'confirmedOn');
      }
    });
}

export const staffRegistrationSchema = registrationSchema(STAFF_CHANNELS);
export type StaffRegistrationInput = z.input<typeof staffRegistrationSchema>;

/**
 * Channels of the integration API (/api/v1, docs/api.md): the staff channels plus `online`, an application
 * made on another online platform (the provincial 政务服务 platform) and passed on with its dates (Art. 31:
 * its receipt date is the date both sides confirmed).
 */
export const API_CHANNELS = ['online', ...STAFF_CHANNELS] as const;
/** The registration of the integration API: the staff rules, `online` allowed, unknown fields refused. */
export const apiRegistrationSchema = registrationSchema(API_CHANNELS).strict();
export type ApiRegistrationInput = z.input<typeof apiRegistrationSchema>;

/** Steps a composite operation adds to a staff registration, inside its transaction. */
export type StaffRegistrationContinuation = (tx: Tx, created: { caseId: string; trackingNo: string }) => Promise<void>;

interface StaffRegistrationParams {
  actor: Actor;
  form: StaffRegistrationInput | ApiRegistrationInput;
  now: Date;
  /** Optional idempotency key of the registration form. */
  submissionKey?: string | null;
  /** 'api': validated with apiRegistrationSchema (the integration API); default the staff form's schema. */
  via?: 'staff' | 'api';
}

/** Staff registration (登记) of an offline application. Clerks and reviewers of the organisation's subtree. */
export async function registerCaseByStaff(params: StaffRegistrationParams): Promise<RegisterCaseResult> {
  return registerCaseByStaffThen(params);
}

/**
 * Staff registration followed by further steps of the new case in the same transaction (`within`), e.g. the
 * on-the-spot answer (lib/cases/answer-on-the-spot.ts): a failure of any step leaves no case behind. A
 * replayed submission key returns the earlier case without running `within` again.
 */
export async function registerCaseByStaffThen(params: StaffRegistrationParams, within?: StaffRegistrationContinuation): Promise<RegisterCaseResult> {
  const { actor, now } = params;
  if (actor.role !== 'clerk' && actor.role !== 'reviewer') {
    throw new DomainError('FORBIDDEN', 'workflow.error.role_not_allowed', { action: 'register', role: actor.role });
  }
  const submissionKey = assertSubmissionKey(params.submissionKey);
  if (submissionKey) {
    const replay = await existingBySubmissionKey(submissionKey, null);
    if (replay) return replay;
  }
  const parsed = (params.via === 'api' ? apiRegistrationSchema : staffRegistrationSchema).safeParse(params.form);
  if (!parsed.success) throw validationError(parsed.error);
  const form = parsed.data;
  const orgId = form.orgId ?? actor.orgId;
  if (orgId === null || orgId === undefined) throw new DomainError('VALIDATION', 'case.org_not_found');
  // With what the registration needs of it (one read: createCase does not read it again).
  const org = await db.organisation.findFirst({ where: { AND: [{ id: orgId }, orgScopeWhere(actor)] }, select: { id: true, name: true, retiredAt: true } });
  if (!org) throw new DomainError('NOT_FOUND', 'case.org_not_found', { orgId });

  const today = chinaToday(now);
  const arrivedOn = form.arrivedOn ?? today;
  const dateIssue = (field: string) => new DomainError('VALIDATION', 'case.input_invalid', { fieldErrors: { [field]: ['validation.date.invalid'] } });
  if (arrivedOn > today) throw dateIssue('arrivedOn');
  // Art. 31: the agency signs for a letter when it arrives, never before.
  if (form.signedForOn !== undefined && (form.signedForOn > today || form.signedForOn < arrivedOn)) throw dateIssue('signedForOn');
  if (form.confirmedOn !== undefined && (form.confirmedOn > today || form.confirmedOn < arrivedOn)) throw dateIssue('confirmedOn');
  // Art. 31 (lib/cases/receipt-date.ts): the channel decides which date is the legal receipt date.
  const receivedOn = legalReceiptDate(form.channel, { arrivedOn, signedForOn: form.signedForOn, confirmedOn: form.confirmedOn });
  let confirmation: Confirmation | null = null;
  if (receivedOn !== null && RECEIPT_RULE[form.channel] !== 'confirmation') {
    confirmation = { receivedOn, confirmedAt: null, note: null, atRegistration: true };
  } else if (receivedOn !== null) {
    // The same checks as the confirm_receipt transition (role, guard receipt_date_valid).
    assertTransition('confirm_receipt', {
      status: 'pending_confirmation',
      actor: { role: actor.role, isInCaseScope: true, isOwnApplicant: false },
      context: {
        today,
        facts: {
          orgId,
          assigneeId: null,
          correctionRoundCount: 0,
          openCorrectionPeriodEndsOn: null,
          correctionNoticeDueOn: null,
          extension: 'none',
          delayedAnswerBy: null,
          hasFeeNotice: false,
          openFeePaymentDueOn: null,
          openCorrectionPeriodProvisional: false,
          openFeePaymentDueProvisional: false,
          receivedOn: null,
          arrivedOn,
          latestStepOn: null,
          ordinaryAnswerDueOn: null,
          extensionRequestedOn: null,
          lettersWithMovedDate: 0,
          noticeSignOff: false,
          pendingNotice: null,
          openConsultationParties: [],
        },
        input: { receivedOn },
      },
    });
    confirmation = { receivedOn, confirmedAt: now, note: form.confirmationNote ?? null, atRegistration: false };
  }

  const isPerson = form.applicantType === 'natural_person';
  return createCase({
    data: {
      orgId,
      applicantUserId: null,
      applicantType: form.applicantType,
      applicantName: form.applicantName,
      idDocType: isPerson ? (form.idDocType ?? (form.idNumber ? 'other' : null)) : null,
      idNumber: form.idNumber ?? null,
      legalRepresentative: form.legalRepresentative ?? null,
      contactPerson: form.contactPerson ?? null,
      mobile: form.mobile ?? null,
      email: form.email ?? null,
      postalAddress: form.postalAddress ?? null,
      postalCode: form.postalCode ?? null,
      description: form.description ?? '',
      documentRef: form.documentRef ?? null,
      requestedForm: form.requestedForm,
      deliveryMethod: form.deliveryMethod,
      channel: form.channel,
      source: 'staff',
      // The physical arrival (a date for letters): stored as the start of that Chinese day.
      arrivedAt: new Date(`${arrivedOn}T00:00:00+08:00`),
    },
    submissionKey,
    actor,
    now,
    confirmation,
    within,
    org,
  });
}
