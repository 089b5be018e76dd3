/**
 * On-the-spot answers (当场答复, Art. 33 para 1: "行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复";
 * issue 10 item 6). An application handed in at the counter (or made orally and recorded there, Art. 29
 * para 1) that can be answered at once is registered, answered, issued and delivered in person in ONE
 * transaction, as the chain of ordinary workflow steps — each with its own guards, compare-and-set and event:
 *
 *   registered (channel in_person / oral_recorded, receipt = today, Art. 31)
 *   → claimed (the counter staff member handles it)
 *   → answer_draft_saved (the answer draft schema of lib/cases/answer-draft.ts, so its required elements apply)
 *   → confidentiality_review_recorded (a reviewer's explicit sign-off, Art. 17, when ticked)
 *   → answer_submitted → answer_approved (文号 assigned, letter issued) → delivery_recorded (in person, today).
 *
 * Sign-off (docs/decisions.md "on-the-spot answer"): issuing needs a reviewer (审核人, Art. 45 审核), as every
 * answer does. A reviewer at the counter signs off and issues at once. A clerk's counter answer is registered
 * and submitted for sign-off (or, when it still needs the reviewer's 保密审查, left as a complete draft), and
 * appears in the reviewer's work queue; it is not issued on the spot.
 *
 * Nothing is stored unless every step succeeds. A double-clicked or retried form (same submission key) returns
 * the first case (lib/cases/register-case.ts idempotency), also under a race.
 */
import 'server-only';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { CaseStatus } from '@/lib/generated/prisma/enums';
import { missingAnswerElements, OUTCOME_RULES, REMEDY_NOTICE, type AnswerElementCode } from '@/lib/law/outcomes';
import { formatLegalBasis } from '@/lib/documents/outcome-text';
import { detailsForOutcome } from '@/lib/law/answer-content';
import type { Actor } from '@/lib/cases/actor';
import { answerDraftSchema, saveAnswerDraftChained, type AnswerDraftInput } from '@/lib/cases/answer-draft';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { registerCaseByStaffThen, type StaffRegistrationInput } from '@/lib/cases/register-case';
import { transitionCaseChained } from '@/lib/cases/transition-case';
import type { LoadedCaseRecord } from '@/lib/cases/load-case-record';
import { checkedStaffFile, insertAttachmentInTx, type CheckedFile } from '@/lib/attachments/upload-attachment';
import { COUNTER_MAX_FILES } from '@/lib/attachments/upload-limits';
import type { TransitionInputs } from '@/lib/cases/transition-inputs';
import type { TransitionName } from '@/lib/cases/workflow';

/** Channels of an application made at the counter: in writing in person, or orally and recorded (Art. 29). */
export const COUNTER_CHANNELS = ['in_person', 'oral_recorded'] as const;
export type CounterChannel = (typeof COUNTER_CHANNELS)[number];

/** The delivery note recorded with the in-person delivery. */
export const ON_THE_SPOT_NOTE = '当场答复（《中华人民共和国政府信息公开条例》第三十三条第一款）';

export interface OnTheSpotResult {
  caseId: string;
  trackingNo: string;
  /** Shown once; null on a replay. */
  accessCode: string | null;
  isReplay: boolean;
  status: CaseStatus;
  /** The issued answer letter (reviewer at the counter); null when it waits for sign-off. */
  answer: { documentId: string; docNumber: string } | null;
}

/** The counter form's field each missing element speaks about. */
const MISSING_FIELD: Record<AnswerElementCode, string> = {
  outcome: 'outcome',
  outcome_not_selectable: 'outcome',
  reason: 'reason',
  legal_basis: 'legalBasis',
  remedy_notice: 'remedyNotice',
  confidentiality_review: 'confidentialityReviewed',
  attachments_not_allowed: 'outcome',
  partially_granted_required: 'isSeparated',
  separation_required: 'isSeparated',
  // What the governing article requires the answer to state (lib/law/answer-content.ts; the answer form's fields).
  item: 'item',
  access_or_attachment: 'accessArrangement',
  published_where: 'publishedWhere',
  withheld_part: 'withheldPart',
  withheld_ground: 'withheldGround',
  responsible_agency: 'responsibleAgency',
  channel: 'channel',
  prior_answer: 'priorAnswer',
};

function validation(key: string, params?: Record<string, unknown>): never {
  throw new DomainError('VALIDATION', key, params);
}

/** The elements the counter form must carry before anything is stored (the draft rules of lib/law/outcomes.ts). */
function missingForCounter(answer: ReturnType<typeof answerDraftSchema.parse>, isReviewer: boolean, confidentialityReviewed: boolean, attachmentsCount: number): AnswerElementCode[] {
  const kept = detailsForOutcome(answer.outcome, answer.details ?? {});
  if (!kept.ok) return ['item'];
  const missing = missingAnswerElements({
    outcome: answer.outcome,
    reason: answer.reason ?? null,
    // Omitted → the outcome's default citations (never blank).
    legalBasis: answer.legalBasis ?? formatLegalBasis(OUTCOME_RULES[answer.outcome].legalBasis),
    details: kept.details,
    // Omitted → the default remedy notice (always present); a given one must not be blank.
    remedyNotice: answer.remedyNotice ?? REMEDY_NOTICE.messageKey,
    separated: answer.isSeparated ?? answer.outcome === 'partially_granted',
    confidentialityReviewed: isReviewer && confidentialityReviewed,
    attachmentsCount,
  });
  // A clerk cannot record the 保密审查 (a reviewer's sign-off): the draft waits for it.
  return isReviewer ? missing : missing.filter((m) => m !== 'confidentiality_review');
}

/**
 * Registers a counter application and answers it at once (see the module comment). `registration` is the
 * staff registration form (lib/cases/register-case.ts staffRegistrationSchema) with a counter channel; its
 * arrival and receipt date are today and the delivery is in person. `answer` is the answer draft
 * (lib/cases/answer-draft.ts answerDraftSchema). `confidentialityReviewed`: the reviewer's explicit 保密审查.
 */
export async function answerOnTheSpot(params: {
  actor: Actor;
  registration: StaffRegistrationInput;
  answer: AnswerDraftInput;
  confidentialityReviewed: boolean;
  now: Date;
  submissionKey: string;
  /**
   * Files handed over with the answer (the disclosed information, Art. 36(2)), checked by content like every
   * staff upload and stored as the answer's disclosed files: the record shows what was given, and the
   * reading room can publish it (Art. 44). At most COUNTER_MAX_FILES.
   */
  files?: readonly { filename: string; data: Uint8Array }[];
}): Promise<OnTheSpotResult> {
  const { actor, now } = params;
  if (actor.role !== 'clerk' && actor.role !== 'reviewer') {
    throw new DomainError('FORBIDDEN', 'workflow.error.role_not_allowed', { action: 'answer_on_the_spot', role: actor.role });
  }
  if (!(COUNTER_CHANNELS as readonly string[]).includes(String(params.registration.channel))) {
    validation('case.input_invalid', { fieldErrors: { channel: ['case.on_the_spot.counter_only'] } });
  }
  const today = chinaToday(now);
  if (params.registration.arrivedOn !== undefined && params.registration.arrivedOn !== '' && params.registration.arrivedOn !== today) {
    validation('case.input_invalid', { fieldErrors: { arrivedOn: ['case.on_the_spot.today_only'] } });
  }
  const parsedAnswer = answerDraftSchema.safeParse(params.answer);
  if (!parsedAnswer.success) {
    validation('case.input_invalid', { issues: parsedAnswer.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  const answer = parsedAnswer.data;
  if (!OUTCOME_RULES[answer.outcome].selectableByStaff) validation('answer.missing.outcome_not_selectable');
  const isReviewer = actor.role === 'reviewer';
  const given = params.files ?? [];
  if (given.length > COUNTER_MAX_FILES) validation('case.input_invalid', { fieldErrors: { files: ['case.on_the_spot.too_many_files'] }, max: COUNTER_MAX_FILES });
  const files: CheckedFile[] = [];
  for (const f of given) {
    try {
      files.push(await checkedStaffFile(f));
    } catch (e) {
      if (e instanceof DomainError) validation('case.input_invalid', { fieldErrors: { files: [e.messageKey] }, ...(e.params ?? {}) });
      throw e;
    }
  }
  const missing = missingForCounter(answer, isReviewer, params.confidentialityReviewed, files.length);
  if (missing.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const code of missing) (fieldErrors[MISSING_FIELD[code]] ??= []).push(`answer.missing.${code}`);
    validation('case.on_the_spot.incomplete', { missing, fieldErrors });
  }

  const registration: StaffRegistrationInput = { ...params.registration, arrivedOn: today, deliveryMethod: 'in_person' };
  const registered = await registerCaseByStaffThen({ actor, form: registration, now, submissionKey: params.submissionKey }, async (tx, created) => {
    await answerChain(tx, { caseId: created.caseId, actor, now, today, answer: params.answer, isReviewer, confidentialityReviewed: params.confidentialityReviewed, files });
  });

  const kase = await db.case.findUniqueOrThrow({
    where: { id: registered.caseId },
    select: {
      status: true,
      documents: { where: { type: 'answer', status: 'issued' }, orderBy: { issuedOn: 'desc' }, take: 1, select: { id: true, docNumber: true } },
    },
  });
  const issued = kase.documents[0];
  return {
    caseId: registered.caseId,
    trackingNo: registered.trackingNo,
    accessCode: registered.isReplay ? null : (registered.accessCode ?? null),
    isReplay: registered.isReplay,
    status: kase.status,
    answer: issued?.docNumber ? { documentId: issued.id, docNumber: issued.docNumber } : null,
  };
}

/**
 * The workflow steps after registration, each through transitionCaseChained / saveAnswerDraftChained: every
 * step starts from the record the previous one left (no reload after write).
 */
async function answerChain(
  tx: Tx,
  p: { caseId: string; actor: Actor; now: Date; today: string; answer: AnswerDraftInput; isReviewer: boolean; confidentialityReviewed: boolean; files: readonly CheckedFile[] },
): Promise<void> {
  const { caseId, actor, now } = p;
  const { version } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
  let v = version;
  let carried: LoadedCaseRecord | null = null;
  const step = async <N extends TransitionName>(name: N, input: TransitionInputs[N]) => {
    const r = await transitionCaseChained(tx, { caseId, expectedVersion: v, name, input, actor, now } as Parameters<typeof transitionCaseChained>[1], carried);
    v = r.result.version;
    carried = r.record;
    return r.result;
  };
  const claimed = await step('claim', {});
  const saved = await saveAnswerDraftChained(tx, { caseId, expectedVersion: v, actor, now, draft: p.answer }, carried);
  const draft = saved.result;
  v = draft.version;
  // Files change the draft's file count and the case version: the step after them reads the record again.
  carried = p.files.length > 0 ? null : saved.record;
  // The files go on the draft before the 保密审查, which then covers them (Art. 17).
  for (const file of p.files) {
    const stored = await insertAttachmentInTx(tx, {
      caseRecord: { id: caseId, version: v, status: claimed.status },
      documentId: draft.documentId,
      purpose: 'disclosed_file',
      file,
      isPublic: false,
      clearsReview: false,
      actor,
      now,
    });
    v = stored.version;
  }
  if (p.isReviewer && p.confidentialityReviewed) await step('record_confidentiality_review', { note: ON_THE_SPOT_NOTE });
  // A clerk's draft that still needs the reviewer's 保密审查 stays a draft (the reviewer's queue lists it).
  if (!p.isReviewer && draft.missing.includes('confidentiality_review')) return;
  await step('submit_answer', {});
  if (!p.isReviewer) return;
  await step('approve_answer', { issuedOn: p.today });
  await step('record_delivery', { method: 'in_person', deliveredOn: p.today, receiptNote: ON_THE_SPOT_NOTE });
}
