import { describe, expect, it } from 'vitest';
import { availableTransitions, transitionOptions, TRANSITION_NAMES, STATUSES, type Actor, type CaseStatus } from '@/lib/cases/workflow';
import { GUARDS, type CaseFacts, type TransitionContext } from '@/lib/cases/workflow-guards';
import { suggestNextStep } from '@/lib/cases/next-step';
import type { AnswerDraft, AnswerElementCode } from '@/lib/law/outcomes';
import { BASE_FACTS, COMPLETE_DRAFT, TODAY } from '@/lib/cases/workflow.fixtures';

const clerk: Actor = { role: 'clerk', isInCaseScope: true, isOwnApplicant: false };
const reviewer: Actor = { role: 'reviewer', isInCaseScope: true, isOwnApplicant: false };
/** The case's facts and its stored answer draft (null: none yet), as the case page passes them. */
const ctx = (facts: Partial<CaseFacts> = {}, draft: AnswerDraft | null = COMPLETE_DRAFT): TransitionContext => ({
  today: TODAY,
  facts: { ...BASE_FACTS, ...facts },
  input: draft ? { answerDraft: draft } : {},
});

describe('transitionOptions: what the case page lists (disabled with the reason, never offered to fail)', () => {
  it('offers everything availableTransitions offers, in the same order, and nothing a role may not do', () => {
    for (const status of STATUSES) {
      for (const actor of [clerk, reviewer]) {
        const names = transitionOptions(status, actor, ctx()).map((o) => o.name);
        const available = availableTransitions(status, actor, ctx());
        for (const n of available) expect(names).toContain(n);
        expect(names).toEqual(TRANSITION_NAMES.filter((n) => names.includes(n)));
      }
    }
  });

  it('提交审核 before the required 保密审查: shown, blocked by answer_complete with the missing element', () => {
    const options = transitionOptions('in_progress', clerk, ctx({}, { ...COMPLETE_DRAFT, confidentialityReviewed: false }));
    const submit = options.find((o) => o.name === 'submit_answer');
    expect(submit?.blockedBy).toEqual({
      guard: 'answer_complete',
      messageKey: 'workflow.guard.answer_complete',
      params: { missing: ['confidentiality_review'] },
    });
  });

  it('提交审核 without any draft names the outcome as missing; with a complete draft it is open', () => {
    const none = transitionOptions('in_progress', clerk, { today: TODAY, facts: BASE_FACTS });
    expect(none.find((o) => o.name === 'submit_answer')?.blockedBy?.params).toEqual({ missing: ['outcome'] });
    expect(transitionOptions('in_progress', clerk, ctx()).find((o) => o.name === 'submit_answer')?.blockedBy).toBeNull();
  });

  it('a lapse before the period ends is shown disabled with the period end; after it, open', () => {
    const before = transitionOptions('awaiting_correction', reviewer, ctx({ correctionRoundCount: 1, openCorrectionPeriodEndsOn: TODAY }));
    expect(before.find((o) => o.name === 'lapse_correction')?.blockedBy).toMatchObject({ guard: 'correction_period_ended', params: { endsOn: TODAY } });
    const after = transitionOptions('awaiting_correction', reviewer, ctx({ correctionRoundCount: 1, openCorrectionPeriodEndsOn: '2026-03-09' }));
    expect(after.find((o) => o.name === 'lapse_correction')?.blockedBy).toBeNull();
  });

  it('steps that have no point now stay hidden (nothing to approve, already extended, already assigned)', () => {
    const names = transitionOptions('in_progress', reviewer, ctx({ extension: 'approved' })).map((o) => o.name);
    expect(names).not.toContain('approve_extension');
    expect(names).not.toContain('request_extension');
    expect(names).not.toContain('claim');
  });

  it('only guards marked explain hold a step back visibly; every other failing state guard hides it', () => {
    const explained = Object.entries(GUARDS).filter(([, g]) => 'whenUnmet' in g && g.whenUnmet === 'explain').map(([n]) => n);
    expect(explained.sort()).toEqual([
      'answer_complete',
      'correction_notice_delivered', // issue 9: a lapse waits for the notice's delivery (regulations.md §15)
      'correction_period_ended',
      'fee_notice_delivered',
      'fee_period_ended',
      'outcome_fits_history',
      'within_answer_period', // issue 9: Art. 33 para 2, shown with the date the period ended
    ]);
  });
});

describe('suggestNextStep: the prominent action is one the workflow offers now', () => {
  const suggest = (status: CaseStatus, actor: Actor, facts: Partial<CaseFacts> = {}, missing: AnswerElementCode[] | null = [], canDraft = true) =>
    suggestNextStep({
      status,
      options: transitionOptions(status, actor, ctx(facts, missing === null ? null : { ...COMPLETE_DRAFT, confidentialityReviewed: !missing.includes('confidentiality_review'), reason: missing.includes('reason') ? null : 'r', outcome: 'granted' })),
      canDraft,
      draftMissing: missing,
    });

  it('follows the case through its statuses', () => {
    expect(suggest('pending_confirmation', clerk)).toBe('confirm_receipt');
    expect(suggest('in_progress', clerk, {}, null)).toBe('answer_draft');
    expect(suggest('in_progress', clerk, {}, [])).toBe('submit_answer');
    expect(suggest('pending_approval', reviewer)).toBe('approve_answer');
    expect(suggest('answered', clerk)).toBe('record_delivery');
    expect(suggest('delivered', clerk)).toBe('archive');
    expect(suggest('closed', clerk)).toBe('archive');
    expect(suggest('archived', clerk)).toBeNull();
    expect(suggest('awaiting_correction', clerk, { correctionRoundCount: 1, openCorrectionPeriodEndsOn: '2026-03-20' })).toBe('receive_correction');
    expect(suggest('consulting', clerk)).toBe('end_consultation');
  });

  it('a reviewer is pointed at the 保密审查 when that is all the draft lacks, and at an extension request first', () => {
    expect(suggest('in_progress', reviewer, {}, ['confidentiality_review'])).toBe('record_confidentiality_review');
    expect(suggest('in_progress', reviewer, {}, ['confidentiality_review', 'reason'])).toBe('answer_draft');
    expect(suggest('in_progress', reviewer, { extension: 'requested' }, [])).toBe('approve_extension');
  });

  it('never suggests a step that is blocked: a clerk waiting for the 保密审查 gets no suggestion', () => {
    expect(suggest('in_progress', clerk, {}, ['confidentiality_review'])).toBeNull();
  });
});
