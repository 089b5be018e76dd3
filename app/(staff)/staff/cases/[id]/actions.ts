'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formValues, type ActionState } from '@/lib/actions/run-action';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { MAX_ATTACHMENT_BYTES, uploadAttachment } from '@/lib/attachments/upload-attachment';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { ANSWER_DETAIL_FORM_FIELDS } from '@/lib/law/answer-content';
import { appealResultSchema, updateAppealResult } from '@/lib/cases/appeal-result';
import { CORRECTION_ROLES, correctCase, type CorrectCaseInput } from '@/lib/cases/correct-case';
import { answerAsRepeat } from '@/lib/cases/repeat-applications';
import { isPersonalField, REVEAL_ROLES, revealPersonalData } from '@/lib/cases/queries';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { TRANSITION_INPUT_SCHEMAS } from '@/lib/cases/transition-inputs';
import { isTransitionName } from '@/lib/cases/workflow';
import { runFormAction } from '../../_lib/action-result';

/**
 * Server actions of the case page (STYLE §4): validate the envelope (case id, version, action name) →
 * authorise (requireRole; the library scopes the case and checks the workflow) → call the case library →
 * revalidate the page. Every change posts the case `version` it was decided on (compare-and-set): a lost
 * race comes back as `case.conflict` ("该申请已被他人修改，请刷新后重试").
 */

const envelope = z.object({
  caseId: z.string().uuid(),
  version: z.coerce.number().int().nonnegative(),
});

function casePath(caseId: string): string {
  return `/staff/cases/${caseId}`;
}

function invalidEnvelope(values: Record<string, string>): ActionState {
  return { ok: false, messageKey: 'errors.validation', values };
}

/** The form's non-blank values the transition's input schema knows (lib/cases/transition-inputs.ts). */
function transitionInput(schema: z.ZodType, values: Record<string, string>): Record<string, string> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : {};
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const v = values[key];
    if (typeof v === 'string' && v.trim() !== '') input[key] = v;
  }
  return input;
}

/** One workflow step (any TRANSITION_NAMES entry): the form names it in the hidden field `transition`. */
export async function transitionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const env = envelope.safeParse(values);
  const name = values.transition ?? '';
  if (!env.success || !isTransitionName(name)) return invalidEnvelope(values);
  const user = await requireRole(STAFF_ROLES, casePath(env.data.caseId));
  const input = transitionInput(TRANSITION_INPUT_SCHEMAS[name], values);
  const state = await runFormAction(values, async () => {
    const result = await transitionCase({
      caseId: env.data.caseId,
      expectedVersion: env.data.version,
      name,
      input,
      actor: user,
      now: new Date(),
    } as TransitionCaseParams);
    // What changed and what comes next (staff.done.<transition>), with the facts the step fixed.
    return {
      ok: true,
      // A clerk's notice where the organisation wants sign-off is only submitted (issue 11 item 3).
      messageKey: result.event === 'notice_submitted' ? 'staff.done.notice_submitted' : `staff.done.${name}`,
      params: { docNumber: result.document?.docNumber ?? 'none', answerDueOn: result.answerDueOn ?? 'none' },
      data: { version: result.version, docNumber: result.document?.docNumber ?? null },
    } as const;
  });
  // Only a change refreshes the page: after a refusal (e.g. a conflict) the form stays, with its message.
  if (state?.ok) revalidatePath(casePath(env.data.caseId));
  return state;
}

/** Saves the answer draft (答复书草稿): outcome, reasons, legal basis, remedy notice, separation (Art. 37). */
export async function saveAnswerDraftAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const env = envelope.safeParse(values);
  if (!env.success) return invalidEnvelope(values);
  const user = await requireRole(STAFF_ROLES, casePath(env.data.caseId));
  const draft = {
    outcome: values.outcome ?? '',
    reason: values.reason ?? '',
    legalBasis: values.legalBasis?.trim() ? values.legalBasis : undefined,
    remedyNotice: values.remedyNotice?.trim() ? values.remedyNotice : undefined,
    isSeparated: values.isSeparated === 'true' ? 'true' : 'false',
    // What the governing article requires the answer to state (lib/law/answer-content.ts); blank = not given.
    details: Object.fromEntries(ANSWER_DETAIL_FORM_FIELDS.filter((k) => values[k]?.trim()).map((k) => [k, values[k]])),
  };
  if (!draft.outcome) return { ok: false, messageKey: 'answer.missing.outcome', fieldErrors: { outcome: ['answer.missing.outcome'] }, values };
  const state = await runFormAction(values, async () => {
    const result = await saveAnswerDraft({
      caseId: env.data.caseId,
      expectedVersion: env.data.version,
      actor: user,
      now: new Date(),
      draft: draft as Parameters<typeof saveAnswerDraft>[0]['draft'],
    });
    // What changed (saved; an earlier 保密审查 voided) and what comes next (submit, the review, or what is missing).
    const next = result.missing.length === 0 ? 'submit' : result.missing.every((m) => m === 'confidentiality_review') ? 'review' : 'complete';
    return {
      ok: true,
      messageKey: `staff.answer.saved_${next}`,
      params: { cleared: result.confidentialityReviewCleared ? 'yes' : 'no' },
      data: { version: result.version, missing: result.missing },
    } as const;
  });
  // Only a change refreshes the page: after a refusal (e.g. a conflict) the form stays, with its message.
  if (state?.ok) revalidatePath(casePath(env.data.caseId));
  return state;
}

const UPLOAD_PURPOSES = ['disclosed_file', 'application_file', 'correction_file', 'other'] as const;

/** A file for the case: a disclosed file on the answer draft, or an internal file (scanned letter, correction …). */
export async function uploadAttachmentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const env = envelope.safeParse(values);
  if (!env.success) return invalidEnvelope(values);
  const purpose = UPLOAD_PURPOSES.find((p) => p === values.purpose);
  const file = form.get('file');
  if (!purpose) return { ok: false, messageKey: 'errors.validation', fieldErrors: { purpose: ['validation.option.invalid'] }, values };
  if (!(file instanceof File) || file.size === 0) {
    return { ok: false, messageKey: 'attachment.empty', fieldErrors: { file: ['attachment.empty'] }, values };
  }
  const user = await requireRole(STAFF_ROLES, casePath(env.data.caseId));
  // Refused before it is read into memory; the kind is sniffed by the library (the declared type is ignored).
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return { ok: false, messageKey: 'attachment.too_large', params: { maxBytes: MAX_ATTACHMENT_BYTES }, fieldErrors: { file: ['attachment.too_large'] }, values };
  }
  const data = new Uint8Array(await file.arrayBuffer());
  const state = await runFormAction(values, async () => {
    const result = await uploadAttachment({
      caseId: env.data.caseId,
      expectedVersion: env.data.version,
      actor: user,
      now: new Date(),
      purpose,
      file: { filename: file.name, contentType: file.type || 'application/octet-stream', data },
    });
    return {
      ok: true,
      messageKey: result.confidentialityReviewCleared ? 'staff.upload.doneReviewCleared' : 'staff.upload.done',
      data: { version: result.version },
    } as const;
  });
  // Only a change refreshes the page: after a refusal (e.g. a conflict) the form stays, with its message.
  if (state?.ok) revalidatePath(casePath(env.data.caseId));
  return state;
}

/** The result of a 行政复议 / 行政诉讼 registered on the case (section 四 of the annual table). */
export async function updateAppealResultAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const env = envelope.safeParse(values);
  const parsed = appealResultSchema.safeParse(values);
  if (!env.success) return invalidEnvelope(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { ok: false, messageKey: 'errors.validation', fieldErrors, values };
  }
  const user = await requireRole(STAFF_ROLES, casePath(env.data.caseId));
  const state = await runFormAction(values, async () => {
    const result = await updateAppealResult({
      actor: user,
      caseId: env.data.caseId,
      expectedVersion: env.data.version,
      appealId: parsed.data.appealId,
      result: parsed.data.result,
      decidedOn: parsed.data.decidedOn ?? null,
      note: parsed.data.note,
      now: new Date(),
    });
    return { ok: true, messageKey: 'staff.case.saved', data: { version: result.version } } as const;
  });
  // Only a change refreshes the page: after a refusal (e.g. a conflict) the form stays, with its message.
  if (state?.ok) revalidatePath(casePath(env.data.caseId));
  return state;
}

/**
 * One personal value of the case in full (identity number: reviewers and administrators; contact details:
 * staff in scope), for a staff member who needs it; every reveal is audited by the library.
 */
export async function revealPersonalDataAction(_prev: ActionState, form: FormData): Promise<ActionState<string | null>> {
  const caseId = z.string().uuid().safeParse(form.get('caseId'));
  const field = form.get('field');
  if (!caseId.success || !isPersonalField(field)) return { ok: false, messageKey: 'errors.validation' };
  const user = await requireRole(REVEAL_ROLES[field], casePath(caseId.data));
  return runFormAction({}, () => revealPersonalData(user, caseId.data, field));
}

/**
 * 更正 of a concluded or imported case (reviewer, admin): only the fields that differ from the case's current
 * values are sent as changes; the library checks scope, the report-period lock and writes before/after.
 */
export async function correctCaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const env = envelope.safeParse(values);
  if (!env.success) return invalidEnvelope(values);
  const user = await requireRole(CORRECTION_ROLES, casePath(env.data.caseId));
  const changes: Record<string, string> = {};
  for (const field of ['outcome', 'applicantType', 'receivedOn', 'concludedOn', 'orgId']) {
    const v = values[field]?.trim();
    if (v && v !== values[`current_${field}`]) changes[field] = v;
  }
  // The library validates every field (zod); unknown values come back as field errors.
  const input = { ...changes, reason: values.reason ?? '' } as CorrectCaseInput;
  const state = await runFormAction(values, async () => {
    const result = await correctCase({ actor: user, caseId: env.data.caseId, expectedVersion: env.data.version, input, now: new Date() });
    return { ok: true, messageKey: 'staff.correct.done', params: { years: result.years.join('、') || 'none' }, data: { version: result.version } } as const;
  });
  if (state?.ok) revalidatePath(casePath(env.data.caseId));
  return state;
}

/** 重复申请 in one step (Art. 36(6)): the answer draft citing the earlier answer, submitted for sign-off. */
export async function answerAsRepeatAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const env = envelope.safeParse(values);
  const earlier = z.string().uuid().safeParse(values.earlierCaseId);
  if (!env.success || !earlier.success) return invalidEnvelope(values);
  const user = await requireRole(['clerk', 'reviewer'], casePath(env.data.caseId));
  const state = await runFormAction(values, async () => {
    const result = await answerAsRepeat({ actor: user, caseId: env.data.caseId, expectedVersion: env.data.version, earlierCaseId: earlier.data, now: new Date() });
    return { ok: true, messageKey: result.isSubmitted ? 'staff.repeat.done' : 'staff.repeat.drafted', data: { version: result.version } } as const;
  });
  if (state?.ok) revalidatePath(casePath(env.data.caseId));
  return state;
}
