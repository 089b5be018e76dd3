import { describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '@/lib/law/ids';
import {
  OUTCOME_GROUPS,
  OUTCOME_RULES,
  REMEDY_NOTICE,
  STAFF_SELECTABLE_OUTCOMES,
  answerRequirements,
  missingAnswerElements,
  outcomeGroup,
  type AnswerDraft,
} from '@/lib/law/outcomes';
import type { AnswerDetails } from '@/lib/law/answer-content';

/** A draft that satisfies every requirement of `outcome`. */
function completeDraft(outcome: Outcome): AnswerDraft {
  const rule = OUTCOME_RULES[outcome];
  return {
    outcome,
    reason: 'reason text',
    legalBasis: rule.legalBasis[0] ?? 'basis',
    remedyNotice: 'remedy text',
    confidentialityReviewed: rule.disclosesInformation,
    attachmentsCount: rule.disclosesInformation ? 2 : 0,
    separated: outcome === 'partially_granted',
    details: COMPLETE_DETAILS[outcome] ?? {},
  };
}

/** Details that satisfy lib/law/answer-content.ts for the outcomes that require some (Art. 36 ff.). */
const COMPLETE_DETAILS: Partial<Record<Outcome, AnswerDetails>> = {
  partially_granted: { withheldPart: 'part', withheldGround: 'denied_state_secret' },
  not_processed_petition_complaint: { channel: 'channel' },
  not_processed_publication: { channel: 'library' },
  not_processed_repeat: { priorAnswer: 'earlier answer' },
};

describe('outcome table', () => {
  it('covers every outcome id', () => {
    expect(Object.keys(OUTCOME_RULES).sort()).toEqual([...OUTCOMES].sort());
  });

  it('groups follow the id prefixes of the annual table', () => {
    for (const outcome of OUTCOMES) {
      const expected = OUTCOME_GROUPS.find((group) => outcome === group || outcome.startsWith(`${group}_`));
      expect(outcomeGroup(outcome), outcome).toBe(expected);
    }
  });

  it.each([
    ['denied_state_secret', ['条例第十四条', '条例第三十六条第（三）项']],
    ['denied_prohibited_by_law', ['条例第十四条', '条例第三十六条第（三）项']],
    ['denied_three_securities_one_stability', ['条例第十四条', '条例第三十六条第（三）项']],
    ['denied_third_party_rights', ['条例第十五条', '条例第三十二条', '条例第三十六条第（三）项']],
    ['denied_internal_affairs', ['条例第十六条第一款', '条例第三十六条第（三）项']],
    ['denied_process_information', ['条例第十六条第二款', '条例第三十六条第（三）项']],
    ['denied_law_enforcement_file', ['条例第十六条第二款', '条例第三十六条第（三）项']],
    ['denied_administrative_inquiry', ['条例第三十六条第（七）项']],
    ['unavailable_requires_creation', ['条例第三十八条']],
    ['unavailable_unclear_after_correction', ['条例第三十条']],
    ['partially_granted', ['条例第三十六条第（三）项', '条例第三十七条']],
    ['not_processed_petition_complaint', ['条例第三十九条第一款']],
    ['not_processed_repeat', ['条例第三十六条第（六）项']],
    ['not_processed_publication', ['条例第三十九条第二款']],
    ['not_processed_excessive', ['条例第三十五条']],
    ['not_processed_confirm_or_reissue', []],
    ['other_no_correction', ['条例第三十条']],
  ] as const)('%s rests on %j', (outcome, basis) => {
    expect(OUTCOME_RULES[outcome].legalBasis).toEqual(basis);
  });

  it('not held cites Art. 36(4) first, and Art. 36(5) as the practice mapping', () => {
    expect(OUTCOME_RULES.unavailable_not_held.legalBasis).toEqual(['条例第三十六条第（四）项', '条例第三十六条第（五）项']);
  });

  it('every refusal, "cannot provide" and "not processed" requires reasons', () => {
    for (const outcome of OUTCOMES) {
      const { group, requiresReason } = OUTCOME_RULES[outcome];
      if (['denied', 'unavailable', 'not_processed', 'partially_granted'].includes(group)) expect(requiresReason, outcome).toBe(true);
    }
    expect(OUTCOME_RULES.granted.requiresReason).toBe(false);
  });

  it('only granted and partially_granted disclose information', () => {
    expect(OUTCOMES.filter((outcome) => OUTCOME_RULES[outcome].disclosesInformation)).toEqual(['granted', 'partially_granted']);
  });

  it('staff choose every outcome except the four set by lapses, withdrawal or closure, and import', () => {
    expect(OUTCOMES.filter((outcome) => !STAFF_SELECTABLE_OUTCOMES.includes(outcome))).toEqual([
      'other_no_correction',
      'other_fee_unpaid',
      'other_misc',
      'other_processing',
    ]);
    expect(OUTCOME_RULES.other_processing.source).toBe('import');
    expect(OUTCOME_RULES.other_misc.source).toBe('other_closure');
  });

  it('the remedy notice gives 60 days for review and 6 months for litigation', () => {
    expect(REMEDY_NOTICE).toMatchObject({ administrativeReviewDays: 60, litigationMonths: 6 });
  });
});

describe('answerRequirements', () => {
  it('always requires the remedy notice', () => {
    for (const outcome of OUTCOMES) expect(answerRequirements(outcome).remedyNotice).toBe(true);
  });

  it('granted: confidentiality review and attachments, no reason', () => {
    expect(answerRequirements('granted')).toEqual({
      reason: false,
      legalBasis: true,
      remedyNotice: true,
      confidentialityReview: true,
      attachmentsAllowed: true,
      separation: 'forbidden',
    });
  });

  it('partially granted: reason, review and separation', () => {
    expect(answerRequirements('partially_granted')).toMatchObject({ reason: true, confidentialityReview: true, separation: 'required' });
  });

  it('a refusal: reason and basis, nothing disclosed', () => {
    expect(answerRequirements('denied_third_party_rights')).toMatchObject({
      reason: true,
      legalBasis: true,
      confidentialityReview: false,
      attachmentsAllowed: false,
    });
  });
});

describe('missingAnswerElements', () => {
  it.each(STAFF_SELECTABLE_OUTCOMES)('a complete %s draft has nothing missing', (outcome) => {
    expect(missingAnswerElements(completeDraft(outcome))).toEqual([]);
  });

  it.each(OUTCOMES.filter((outcome) => OUTCOME_RULES[outcome].requiresReason))('%s without a reason', (outcome) => {
    expect(missingAnswerElements({ ...completeDraft(outcome), reason: '   ' })).toEqual(['reason']);
  });

  it.each(STAFF_SELECTABLE_OUTCOMES)('%s without a legal basis or remedy notice', (outcome) => {
    expect(missingAnswerElements({ ...completeDraft(outcome), legalBasis: null, remedyNotice: undefined })).toEqual([
      'legal_basis',
      'remedy_notice',
    ]);
  });

  it('granted needs no reason', () => {
    expect(missingAnswerElements({ ...completeDraft('granted'), reason: undefined })).toEqual([]);
  });

  it.each(['granted', 'partially_granted'] as const)('%s needs the confidentiality review', (outcome) => {
    expect(missingAnswerElements({ ...completeDraft(outcome), confidentialityReviewed: false })).toEqual(['confidentiality_review']);
    expect(missingAnswerElements({ ...completeDraft(outcome), confidentialityReviewed: undefined })).toEqual(['confidentiality_review']);
  });

  it('a refusal needs no confidentiality review but may not carry disclosed files', () => {
    expect(missingAnswerElements({ ...completeDraft('denied_state_secret'), confidentialityReviewed: false })).toEqual([]);
    expect(missingAnswerElements({ ...completeDraft('denied_state_secret'), attachmentsCount: 1 })).toEqual(['attachments_not_allowed']);
  });

  it.each(OUTCOMES.filter((outcome) => outcome !== 'partially_granted' && OUTCOME_RULES[outcome].selectableByStaff))(
    'separated information turns %s into a partially_granted requirement (Art. 37)',
    (outcome) => {
      expect(missingAnswerElements({ ...completeDraft(outcome), separated: true })).toEqual(['partially_granted_required']);
    },
  );

  it('partially_granted with separated: false is a contradiction; undefined reads as separated', () => {
    expect(missingAnswerElements({ ...completeDraft('partially_granted'), separated: false })).toEqual(['separation_required']);
    expect(missingAnswerElements({ ...completeDraft('partially_granted'), separated: undefined })).toEqual([]);
  });

  it.each(['other_no_correction', 'other_fee_unpaid', 'other_misc', 'other_processing'] as const)(
    '%s cannot be chosen in an answer',
    (outcome) => {
      expect(missingAnswerElements(completeDraft(outcome))).toEqual(['outcome_not_selectable']);
    },
  );

  it('no outcome yet', () => {
    expect(missingAnswerElements({ attachmentsCount: 0 })).toEqual(['outcome']);
    expect(missingAnswerElements({ outcome: null, attachmentsCount: 0, separated: true })).toEqual(['outcome', 'partially_granted_required']);
  });

  it('lists every problem of an empty draft at once', () => {
    expect(missingAnswerElements({ outcome: 'partially_granted', attachmentsCount: 0, separated: false })).toEqual([
      'reason',
      'legal_basis',
      'remedy_notice',
      'confidentiality_review',
      'separation_required',
      // Art. 37: what is withheld, on which ground, and how the rest is provided.
      'withheld_part',
      'withheld_ground',
      'access_or_attachment',
    ]);
  });
});
