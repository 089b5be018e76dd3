/**
 * The outcome categories (办理结果) as data: the one place that says, for every result row id of
 * lib/law/ids.ts, which group it belongs to, which articles it rests on and what an answer with that outcome
 * must contain. Pure: no I/O, no clock; the answer form, the workflow guard (lib/cases/workflow-guards.ts),
 * the document templates and the statistics all read this table.
 *
 * Sources: shared/reference/regulations.md §8 (answer types → table rows), §9 (不予处理 grounds),
 * §11 (fees), §13 (remedies). Rows the 条例 does not found on an article carry an empty `legalBasis` and say so.
 */
import { OUTCOMES, type Outcome } from '@/lib/law/ids';
import { ANSWER_DETAIL_CODES, missingAnswerDetails, type AnswerDetails } from '@/lib/law/answer-content';

/** The six groups of the annual table's section 三(一)–(六); `granted` and `partially_granted` are single rows. */
export const OUTCOME_GROUPS = [
  'granted', // （一）予以公开
  'partially_granted', // （二）部分公开
  'denied', // （三）不予公开
  'unavailable', // （四）无法提供
  'not_processed', // （五）不予处理
  'other', // （六）其他处理
] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/**
 * How an outcome gets onto a case. Only `answer` outcomes are chosen by staff in an answer draft; the others
 * are written by one specific workflow transition (or by the importer), never picked from a list:
 * - `correction_lapse`: lapse_correction — no 补正 within the period, deemed given up (Art. 30);
 * - `fee_lapse`: lapse_fee — the fee notice was not paid in time (国办函〔2020〕109号 as restated, regulations.md §11);
 * - `other_closure`: withdraw — the applicant withdrew (practice, regulations.md §8 last row) — or close_other — a
 *   reviewer closed it for another cause, with a reason (（六）3 "其他");
 * - `import`: historical cases in the 2019 layout only (（六）其他处理 had no sub-rows then).
 */
export const OUTCOME_SOURCES = ['answer', 'correction_lapse', 'fee_lapse', 'other_closure', 'import'] as const;
export type OutcomeSource = (typeof OUTCOME_SOURCES)[number];

/** A citation such as '条例第三十六条第（四）项' or '条例第十六条第二款', or the fee rules' document number. */
export type LegalReference = `条例第${string}条${string}` | '国办函〔2020〕109号';

export interface OutcomeRule {
  readonly group: OutcomeGroup;
  /** Articles the answer cites for this outcome (the template's default). Empty where no article founds the row. */
  readonly legalBasis: readonly LegalReference[];
  /** The answer must state reasons: every refusal, "cannot provide" and "not processed", and the withheld part of a partial disclosure (Art. 36(3), Art. 37). */
  readonly requiresReason: boolean;
  /** Information goes out: needs the confidentiality review (保密审查, Art. 17) and may carry disclosed attachments. */
  readonly disclosesInformation: boolean;
  /** Offered in the answer form; false for outcomes only a lapse, a withdrawal or the importer sets. */
  readonly selectableByStaff: boolean;
  readonly source: OutcomeSource;
}

const answer = (
  group: OutcomeGroup,
  legalBasis: readonly LegalReference[],
): Pick<OutcomeRule, 'group' | 'legalBasis' | 'selectableByStaff' | 'source'> => ({
  group,
  legalBasis,
  selectableByStaff: true,
  source: 'answer',
});

/** Refusals, "cannot provide" and "not processed": reasons required, nothing disclosed. */
const refusal = (group: 'denied' | 'unavailable' | 'not_processed', legalBasis: readonly LegalReference[]): OutcomeRule => ({
  ...answer(group, legalBasis),
  requiresReason: true,
  disclosesInformation: false,
});

/** Closed without an answer letter: the transition that sets the outcome is itself the reason. */
const closure = (source: Exclude<OutcomeSource, 'answer'>, legalBasis: readonly LegalReference[]): OutcomeRule => ({
  group: 'other',
  legalBasis,
  requiresReason: false,
  disclosesInformation: false,
  selectableByStaff: false,
  source,
});

const ART_36_3 = '条例第三十六条第（三）项' satisfies LegalReference;

export const OUTCOME_RULES = {
  // Art. 36(1): already published — tell where; Art. 36(2): provide it or say how, where and when.
  granted: {
    ...answer('granted', ['条例第三十六条第（一）项', '条例第三十六条第（二）项']),
    requiresReason: false,
    disclosesInformation: true,
  },
  // Art. 36(3) with Art. 37: disclose the separable part, give reasons for the rest (the withholding ground
  // is added by lib/law/answer-content.ts answerCitations). Counted only here ("只计这一情形").
  partially_granted: { ...answer('partially_granted', [ART_36_3, '条例第三十七条']), requiresReason: true, disclosesInformation: true },
  // Art. 36(3) "决定不予公开的，告知申请人不予公开并说明理由", on the ground of Arts. 14, 15 (with 32) or 16.
  denied_state_secret: refusal('denied', ['条例第十四条', ART_36_3]),
  denied_prohibited_by_law: refusal('denied', ['条例第十四条', ART_36_3]),
  denied_three_securities_one_stability: refusal('denied', ['条例第十四条', ART_36_3]),
  denied_third_party_rights: refusal('denied', ['条例第十五条', '条例第三十二条', ART_36_3]),
  denied_internal_affairs: refusal('denied', ['条例第十六条第一款', ART_36_3]),
  denied_process_information: refusal('denied', ['条例第十六条第二款', ART_36_3]),
  denied_law_enforcement_file: refusal('denied', ['条例第十六条第二款', ART_36_3]),
  // Art. 36(7) (工商/不动产登记 etc.): the table has no own row; reported here by practice (regulations.md §8 notes).
  denied_administrative_inquiry: refusal('denied', ['条例第三十六条第（七）项']),
  // Art. 36(4) "does not exist"; Art. 36(5) "not this agency's to disclose" lands on the same row by practice
  // (regulations.md §8). The answer names its item (lib/law/answer-content.ts ANSWER_ITEMS) and cites only that one.
  unavailable_not_held: refusal('unavailable', ['条例第三十六条第（四）项', '条例第三十六条第（五）项']),
  unavailable_requires_creation: refusal('unavailable', ['条例第三十八条']),
  // Category defined by the report format; only possible after a 补正 round (checked by the workflow guard).
  unavailable_unclear_after_correction: refusal('unavailable', ['条例第三十条']),
  not_processed_petition_complaint: refusal('not_processed', ['条例第三十九条第一款']),
  not_processed_repeat: refusal('not_processed', ['条例第三十六条第（六）项']),
  not_processed_publication: refusal('not_processed', ['条例第三十九条第二款']),
  not_processed_excessive: refusal('not_processed', ['条例第三十五条']),
  // No specific article: the category comes from the report format (regulations.md §9). The drafter must
  // still write a basis (see answerRequirements), there is just no default.
  not_processed_confirm_or_reissue: refusal('not_processed', []),
  other_no_correction: closure('correction_lapse', ['条例第三十条']),
  other_fee_unpaid: closure('fee_lapse', ['条例第四十二条', '国办函〔2020〕109号']),
  // Withdrawal and the reasoned closure for other causes are practice, not an article (（六）3 其他).
  other_misc: closure('other_closure', []),
  other_processing: closure('import', []),
} as const satisfies Record<Outcome, OutcomeRule>;

/** Outcomes offered in the answer form, in table order. */
export const STAFF_SELECTABLE_OUTCOMES: readonly Outcome[] = OUTCOMES.filter(
  (outcome) => OUTCOME_RULES[outcome].selectableByStaff,
);

export function outcomeGroup(outcome: Outcome): OutcomeGroup {
  return OUTCOME_RULES[outcome].group;
}

/**
 * The remedy notice every answer carries (Art. 51; regulations.md §13). The periods come from the 行政复议法
 * (60 days, Art. 20 of the 2023 revision) and the 行政诉讼法 (6 months, Art. 46), not from the 条例; the
 * template renders `messageKey` with these numbers as params. (The two article numbers are not in
 * regulations.md: check them when the template text is reviewed.)
 */
export const REMEDY_NOTICE = {
  messageKey: 'answer.remedy_notice',
  administrativeReviewDays: 60,
  litigationMonths: 6,
  legalBasis: ['条例第五十一条'],
} as const;

export interface AnswerRequirements {
  readonly reason: boolean;
  /** Every answer states the article it rests on (Art. 36 lists the answer types); closures do not go through the answer form. */
  readonly legalBasis: boolean;
  /** Always true: see REMEDY_NOTICE. */
  readonly remedyNotice: true;
  /** 保密审查 sign-off before anything is disclosed (Art. 17). */
  readonly confidentialityReview: boolean;
  /** Disclosed files may only be attached when the outcome discloses information. */
  readonly attachmentsAllowed: boolean;
  /** Art. 37: partial disclosure means information was separated, and separation means partial disclosure. */
  readonly separation: 'required' | 'forbidden';
}

export function answerRequirements(outcome: Outcome): AnswerRequirements {
  const rule: OutcomeRule = OUTCOME_RULES[outcome];
  return {
    reason: rule.requiresReason,
    legalBasis: rule.selectableByStaff,
    remedyNotice: true,
    confidentialityReview: rule.disclosesInformation,
    attachmentsAllowed: rule.disclosesInformation,
    separation: outcome === 'partially_granted' ? 'required' : 'forbidden',
  };
}

/** An answer being drafted; mirrors the answer Document's fields (prisma `Document`). */
export interface AnswerDraft {
  outcome?: Outcome | null;
  reason?: string | null;
  legalBasis?: string | null;
  remedyNotice?: string | null;
  confidentialityReviewed?: boolean;
  /** Disclosed files attached to the answer (AttachmentPurpose `disclosed_file`). */
  attachmentsCount: number;
  /** 区分处理 (Art. 37): exempt or non-government content was separated out. */
  separated?: boolean;
  /** What the answer states under its Art. 36 item (lib/law/answer-content.ts). */
  details?: AnswerDetails | null;
}

/** Problems that keep an answer draft from being submitted, one code each; the UI maps `answer.missing.<code>`. */
export const ANSWER_ELEMENT_CODES = [
  'outcome', // no outcome chosen yet
  'outcome_not_selectable', // an outcome only a lapse, a withdrawal or the importer may set
  'reason',
  'legal_basis',
  'remedy_notice',
  'confidentiality_review',
  'attachments_not_allowed', // disclosed files attached to an answer that discloses nothing
  'partially_granted_required', // information separated, but the outcome is not partially_granted (Art. 37)
  'separation_required', // partially_granted, but the draft says nothing was separated (Art. 37)
  // What the governing article of Art. 36 ff. requires the answer to state (lib/law/answer-content.ts).
  ...ANSWER_DETAIL_CODES,
] as const;
export type AnswerElementCode = (typeof ANSWER_ELEMENT_CODES)[number];

const isBlank = (value: string | null | undefined): boolean => !value || value.trim() === '';

/**
 * Pure guard of the answer draft: the list of missing or contradictory elements, empty when the draft may go
 * to the reviewer (submit_answer) and be issued (approve_answer). Never throws.
 *
 * `separated` is checked in both directions (Art. 37): separated information forces partially_granted
 * whatever else was chosen (the table counts a separated case only as （二）), and partially_granted with an
 * explicit `separated: false` is a contradiction. An undefined `separated` on a partially_granted draft is
 * read as "separated" because the outcome itself says so.
 */
export function missingAnswerElements(draft: AnswerDraft): AnswerElementCode[] {
  const missing: AnswerElementCode[] = [];
  const { outcome } = draft;
  if (!outcome) {
    missing.push('outcome');
    if (draft.separated === true) missing.push('partially_granted_required');
    return missing;
  }
  const rule: OutcomeRule = OUTCOME_RULES[outcome];
  const needs = answerRequirements(outcome);
  if (!rule.selectableByStaff) missing.push('outcome_not_selectable');
  if (needs.reason && isBlank(draft.reason)) missing.push('reason');
  if (needs.legalBasis && isBlank(draft.legalBasis)) missing.push('legal_basis');
  if (isBlank(draft.remedyNotice)) missing.push('remedy_notice');
  if (needs.confidentialityReview && draft.confidentialityReviewed !== true) missing.push('confidentiality_review');
  if (!needs.attachmentsAllowed && draft.attachmentsCount > 0) missing.push('attachments_not_allowed');
  if (draft.separated === true && needs.separation === 'forbidden') missing.push('partially_granted_required');
  if (draft.separated === false && needs.separation === 'required') missing.push('separation_required');
  if (rule.selectableByStaff) missing.push(...missingAnswerDetails(outcome, draft.details, draft.attachmentsCount));
  return missing;
}
