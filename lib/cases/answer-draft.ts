/**
 * The answer draft (答复书 being written): a non-status action with the same write pattern as a transition
 * (compare-and-set on the case version, one event). The draft is a Document of type `answer` in status
 * draft; submit_answer / approve_answer / return_answer move it (transition-case.ts).
 *
 * Defaults: the legal basis of the outcome (lib/law/outcomes.ts OUTCOME_RULES), the remedy notice
 * (REMEDY_NOTICE, Art. 51) and a body merged from the organisation's answer template, with the 文号 and
 * the date left as `{{docNumber}}` / `{{date}}` until the answer is issued.
 *
 * Any change to what would be disclosed (outcome, reason, basis, body, separation) clears an earlier
 * confidentiality review (保密审查, Art. 17): the reviewer signed off a different text.
 */
import 'server-only';
import { z } from 'zod';
import { db, type Db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { OUTCOMES, type Outcome } from '@/lib/law/ids';
import { missingAnswerElements, OUTCOME_RULES, REMEDY_NOTICE, type AnswerElementCode } from '@/lib/law/outcomes';
import { answerCitations, answerDetailsSchema, detailsForOutcome, parseAnswerDetails, sameAnswerDetails } from '@/lib/law/answer-content';
import { inCaseScope, type Actor } from '@/lib/cases/actor';
import { answerDraftFacts, currentAnswerDraft } from '@/lib/cases/case-record';
import { compareAndSet, writeEvent } from '@/lib/cases/case-write';
import { assertRecordAsStored, loadCaseAndSettingsForActor } from '@/lib/cases/transition-case';
import { verifyLedgers } from '@/lib/cases/deadline-for-case';
import type { LoadedCaseRecord } from '@/lib/cases/load-case-record';
import { assertFieldEditable } from '@/lib/cases/workflow-locks';
import { defaultRemedyNotice } from '@/lib/documents/default-templates';
import { remedyBodies } from '@/lib/documents/org-documents';
import { caseMergeFields } from '@/lib/documents/issue-document';
import { draftAnswerBody } from '@/lib/documents/answer-body';
import { formatLegalBasis } from '@/lib/documents/outcome-text';
import { resolveTemplate } from '@/lib/documents/templates';

const optionalText = z.string().max(20_000).optional();

export const answerDraftSchema = z.object({
  outcome: z.enum(OUTCOMES),
  reason: optionalText,
  /** Omitted → the outcome's default articles. */
  legalBasis: optionalText,
  /** Omitted → the default remedy notice (Art. 51). */
  remedyNotice: optionalText,
  /** 区分处理 (Art. 37). */
  isSeparated: z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((v) => v !== 'false')]).optional(),
  /**
   * What the answer states under the article that governs it (lib/law/answer-content.ts): the Art. 36 item,
   * the way, place and time of access, where it was published, the withheld part and its ground, the
   * responsible agency (36(5)), the channel (Art. 39), the earlier answer (36(6)). Fields the outcome does
   * not use are dropped; the required ones are checked at submit_answer (guard answer_complete).
   */
  details: answerDetailsSchema.optional(),
  /** Omitted → generated from the template with the fields above. */
  body: optionalText,
});
export type AnswerDraftInput = z.input<typeof answerDraftSchema>;

export interface SaveAnswerDraftResult {
  documentId: string;
  version: number;
  /** Elements still missing before submit_answer (lib/law/outcomes.ts codes; UI keys `answer.missing.<code>`). */
  missing: AnswerElementCode[];
  confidentialityReviewCleared: boolean;
}

const DRAFT_ROLES = ['clerk', 'reviewer'] as const;

interface SaveAnswerDraftParams {
  caseId: string;
  expectedVersion: number;
  actor: Actor;
  now: Date;
  draft: AnswerDraftInput;
}

export async function saveAnswerDraft(params: SaveAnswerDraftParams): Promise<SaveAnswerDraftResult> {
  const prepared = await prepareAnswerDraft(db, params);
  const documentId = await db.$transaction((tx) => writeAnswerDraft(tx, prepared));
  return resultOf(prepared, documentId);
}

/**
 * The same save inside a caller's transaction (a composite operation such as the on-the-spot answer,
 * lib/cases/answer-on-the-spot.ts, whose case exists only in that transaction).
 */
export async function saveAnswerDraftInTx(tx: Tx, params: SaveAnswerDraftParams): Promise<SaveAnswerDraftResult> {
  const prepared = await prepareAnswerDraft(tx, params);
  return resultOf(prepared, await writeAnswerDraft(tx, prepared));
}

/**
 * saveAnswerDraftInTx in a chain of steps of one case in one transaction (transition-case.ts
 * transitionCaseChained): starts from the record the previous step left (`carried`, same rules) and returns
 * the record as this save leaves it, for the next step.
 */
export async function saveAnswerDraftChained(
  tx: Tx,
  params: SaveAnswerDraftParams,
  carried: LoadedCaseRecord | null,
): Promise<{ result: SaveAnswerDraftResult; record: LoadedCaseRecord }> {
  const prepared = await prepareAnswerDraft(tx, params, carried);
  const record: LoadedCaseRecord = { record: { ...prepared.record, documents: [...prepared.record.documents] }, feePauseSetting: prepared.feePauseSetting };
  const documentId = await writeAnswerDraft(tx, prepared, record);
  if (verifyLedgers()) await assertRecordAsStored(tx, record, 'save_answer_draft');
  return { result: resultOf(prepared, documentId), record };
}

type PreparedDraft = Awaited<ReturnType<typeof prepareAnswerDraft>>;

async function prepareAnswerDraft(client: Db | Tx, params: SaveAnswerDraftParams, carried: LoadedCaseRecord | null = null) {
  const { actor, now } = params;
  const parsed = answerDraftSchema.safeParse(params.draft);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', 'case.input_invalid', {
      // A detail's issue is reported under its own form field (`accessArrangement`, not `details.accessArrangement`).
      issues: parsed.error.issues.map((i) => ({ path: (i.path[0] === 'details' ? i.path.slice(1) : i.path).join('.'), message: i.message })),
    });
  }
  const input = parsed.data;
  const { record, feePauseSetting } =
    carried && carried.record.id === params.caseId && inCaseScope(actor, carried.record) ? carried : await loadCaseAndSettingsForActor(actor, params.caseId, client);
  if (!(DRAFT_ROLES as readonly string[]).includes(actor.role)) {
    throw new DomainError('FORBIDDEN', 'workflow.error.role_not_allowed', { action: 'save_answer_draft', role: actor.role });
  }
  if (record.version !== params.expectedVersion) throw new DomainError('CONFLICT', 'case.conflict', { caseId: record.id });
  assertFieldEditable('answer_draft', record.status);
  const outcome: Outcome = input.outcome;
  if (!OUTCOME_RULES[outcome].selectableByStaff) {
    throw new DomainError('VALIDATION', 'answer.missing.outcome_not_selectable', { outcome });
  }

  const kept = detailsForOutcome(outcome, input.details ?? {});
  if (!kept.ok) throw new DomainError('VALIDATION', 'answer.missing.item', { outcome });
  const details = kept.details;

  const existing = currentAnswerDraft(record);
  const legalBasis = input.legalBasis ?? formatLegalBasis(answerCitations(outcome, details, OUTCOME_RULES[outcome].legalBasis));
  const remedyNotice = input.remedyNotice ?? defaultRemedyNotice({ ...REMEDY_NOTICE, ...(await remedyBodies(record.org.id, record.org.path)) });
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  const isSeparated = input.isSeparated ?? outcome === 'partially_granted';
  let body = input.body;
  // The template version the text comes from (issue 11 item 4): fixed when the text is (re)made from the
  // template, and when the draft is first created; a hand-edited body keeps the version it started from.
  let madeFrom: { title: string; templateVersionId: string | null } | null = null;
  const template = body === undefined || !existing ? await resolveTemplate('answer', record.org) : null;
  if (template) madeFrom = { title: template.title, templateVersionId: template.versionId };
  if (body === undefined) {
    body = draftAnswerBody(template!.body, caseMergeFields(record), { outcome, details, reason, legalBasis, remedyNotice });
  }
  const next = { outcome, reason, legalBasis, remedyNotice, isSeparated, answerDetails: { ...details }, body };
  const before = existing
    ? {
        outcome: existing.outcome,
        reason: existing.reason,
        legalBasis: existing.legalBasis,
        remedyNotice: existing.remedyNotice,
        isSeparated: existing.isSeparated,
        answerDetails: { ...parseAnswerDetails(existing.answerDetails) },
        body: existing.body,
      }
    : null;
  const contentChanged =
    before !== null &&
    (before.outcome !== next.outcome ||
      before.reason !== next.reason ||
      before.legalBasis !== next.legalBasis ||
      before.isSeparated !== next.isSeparated ||
      !sameAnswerDetails(before.answerDetails, next.answerDetails) ||
      before.body !== next.body);
  const reviewCleared = contentChanged && existing?.confidentialityReviewAt != null;
  return { record, feePauseSetting, existing, next, before, reviewCleared, actor, now, outcome, reason, legalBasis, remedyNotice, isSeparated, details, madeFrom };
}

/** `keep`: the caller's copy of the record, brought up to date with this save (saveAnswerDraftChained). */
async function writeAnswerDraft(tx: Tx, prepared: PreparedDraft, keep?: LoadedCaseRecord): Promise<string> {
  const { record, existing, next, before, reviewCleared, actor, now, madeFrom } = prepared;
  const updatedAt = new Date();
  await compareAndSet(tx, { id: record.id, version: record.version, status: record.status }, {}, keep ? { updatedAt } : undefined);
  let id: string;
  if (existing) {
    const row = await tx.document.update({
      where: { id: existing.id },
      data: {
        ...next,
        ...(madeFrom ?? {}),
        ...(reviewCleared ? { confidentialityReviewById: null, confidentialityReviewAt: null } : {}),
        version: { increment: 1 },
      },
    });
    id = existing.id;
    if (keep) keep.record.documents = keep.record.documents.map((d) => (d.id === id ? { ...row, _count: d._count } : d));
  } else {
    const created = await tx.document.create({
      data: { caseId: record.id, type: 'answer', status: 'draft', draftedById: actor.id, ...next, ...(madeFrom ?? {}) },
    });
    id = created.id;
    // The newest document: first in the record's order (created_at DESC).
    if (keep) keep.record.documents.unshift({ ...created, _count: { attachments: 0 } });
  }
  if (keep) Object.assign(keep.record, { version: record.version + 1, updatedAt });
  await writeEvent(tx, {
    caseId: record.id,
    actor,
    type: 'answer_draft_saved',
    fromStatus: record.status,
    toStatus: record.status,
    isPublic: false,
    occurredAt: now,
    data: {
      documentId: id,
      before: before ? { ...before, body: undefined, bodyChanged: before.body !== next.body } : null,
      after: { ...next, body: undefined },
      confidentialityReviewCleared: reviewCleared,
    },
  });
  return id;
}

function resultOf(prepared: PreparedDraft, documentId: string): SaveAnswerDraftResult {
  const { existing, outcome, reason, legalBasis, remedyNotice, isSeparated, reviewCleared, record, details } = prepared;
  const missing = missingAnswerElements({
    ...(answerDraftFacts(existing) ?? { attachmentsCount: 0 }),
    outcome,
    reason,
    legalBasis,
    remedyNotice,
    separated: isSeparated,
    details,
    confidentialityReviewed: existing?.confidentialityReviewAt != null && !reviewCleared,
  });
  return { documentId, version: record.version + 1, missing, confidentialityReviewCleared: reviewCleared };
}
