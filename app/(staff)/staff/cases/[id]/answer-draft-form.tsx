'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useState } from 'react';
import type { Outcome } from '@/lib/law/ids';
import { answerRequirements, OUTCOME_GROUPS, outcomeGroup, STAFF_SELECTABLE_OUTCOMES } from '@/lib/law/outcomes';
import { Field, FormMessage } from '../../_components/field';
import { messageText } from '../../_lib/message-values';
import { saveAnswerDraftAction } from './actions';

export interface AnswerDraftValues {
  outcome: Outcome | null;
  reason: string | null;
  legalBasis: string | null;
  remedyNotice: string | null;
  isSeparated: boolean;
}

/**
 * 答复书: exactly one outcome from the annual table's result rows; reasons and legal basis where the law
 * requires them; the remedy notice prefilled (Art. 51); `partially_granted` whenever information is
 * separated (Art. 37). What is still missing is listed, and submitting is refused until it is complete.
 */
export function AnswerDraftForm({
  caseId,
  version,
  draft,
  defaultLegalBasis,
  defaultRemedyNotice,
}: {
  caseId: string;
  version: number;
  draft: AnswerDraftValues | null;
  defaultLegalBasis: Partial<Record<Outcome, string>>;
  defaultRemedyNotice: string;
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(saveAnswerDraftAction, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const [outcome, setOutcome] = useState<Outcome | ''>((values.outcome as Outcome) ?? draft?.outcome ?? '');
  const [legalBasis, setLegalBasis] = useState<string>(values.legalBasis ?? draft?.legalBasis ?? (outcome ? (defaultLegalBasis[outcome] ?? '') : ''));
  const [basisEdited, setBasisEdited] = useState<boolean>(Boolean(draft?.legalBasis && outcome && draft.legalBasis !== defaultLegalBasis[outcome]));
  const [separated, setSeparated] = useState<boolean>(values.isSeparated ? values.isSeparated === 'true' : (draft?.isSeparated ?? false));
  const needs = outcome ? answerRequirements(outcome) : null;
  const F = 'answer';

  const chooseOutcome = (next: Outcome | '') => {
    setOutcome(next);
    // The default articles follow the outcome until the drafter writes their own.
    if (next && !basisEdited) setLegalBasis(defaultLegalBasis[next] ?? '');
    // Art. 37: partial disclosure means the information was separated, and nothing else may be separated.
    setSeparated(next === 'partially_granted');
  };

  // Submitted by hand, not through `<form action>`: React resets a form after its action succeeds, and the
  // reset puts the controlled outcome <select> back on 请选择 in the page while its state still holds the
  // choice; the next save then sent no outcome ("尚未选择办理结果") and lost the edit. Without the reset the
  // form keeps exactly what was saved; the refreshed page only brings the new version.
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(() => action(form));
  };

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-labelledby="answer-title">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label className="field-label" htmlFor={`${F}-outcome`}>
          {t('staff.answer.outcome')}
          <span aria-hidden="true" className="text-red-700"> *</span>
        </label>
        <select
          id={`${F}-outcome`}
          name="outcome"
          className="field-input"
          value={outcome}
          onChange={(e) => chooseOutcome(e.target.value as Outcome | '')}
          aria-invalid={errors.outcome?.length ? true : undefined}
          aria-describedby={errors.outcome?.length ? `${F}-outcome-error` : `${F}-outcome-hint`}
          required
        >
          <option value="">{t('staff.field.choose')}</option>
          {OUTCOME_GROUPS.filter((g) => g !== 'other').map((group) => (
            <optgroup key={group} label={t(`staff.answer.group.${group}`)}>
              {STAFF_SELECTABLE_OUTCOMES.filter((o) => outcomeGroup(o) === group).map((o) => (
                <option key={o} value={o}>
                  {t(`outcome.${o}`)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p id={`${F}-outcome-hint`} className="mt-1 text-xs text-slate-600">
          {t('staff.answer.outcomeHint')}
        </p>
        {errors.outcome?.length ? (
          <p id={`${F}-outcome-error`} className="field-error" role="alert">
            {errors.outcome.map((k) => messageText(t, k)).join(' ')}
          </p>
        ) : null}
      </div>

      <div className="flex items-start gap-2">
        <input
          id={`${F}-isSeparated`}
          type="checkbox"
          name="isSeparated"
          value="true"
          className="mt-1 h-4 w-4"
          checked={separated}
          onChange={(e) => setSeparated(e.target.checked)}
          aria-describedby={`${F}-isSeparated-hint`}
        />
        <div>
          <label htmlFor={`${F}-isSeparated`} className="text-sm text-slate-800">
            {t('staff.answer.isSeparated')}
          </label>
          <p id={`${F}-isSeparated-hint`} className="text-xs text-slate-600">
            {t('staff.answer.isSeparatedHint')}
          </p>
          {separated && outcome && outcome !== 'partially_granted' && (
            <p className="text-xs text-amber-900" role="status">
              {t('answer.missing.partially_granted_required')}
            </p>
          )}
        </div>
      </div>

      <Field
        form={F}
        name="reason"
        type="textarea"
        rows={4}
        label={t('staff.answer.reason')}
        hint={t(needs?.reason ? 'staff.answer.reasonRequired' : 'staff.answer.reasonOptional')}
        required={needs?.reason}
        defaultValue={values.reason ?? draft?.reason ?? ''}
        errors={errors.reason}
      />

      <div>
        <label className="field-label" htmlFor={`${F}-legalBasis`}>
          {t('staff.answer.legalBasis')}
          <span aria-hidden="true" className="text-red-700"> *</span>
        </label>
        <textarea
          id={`${F}-legalBasis`}
          name="legalBasis"
          rows={2}
          className="field-input"
          value={legalBasis}
          onChange={(e) => {
            setLegalBasis(e.target.value);
            setBasisEdited(true);
          }}
          aria-describedby={`${F}-legalBasis-hint`}
        />
        <p id={`${F}-legalBasis-hint`} className="mt-1 text-xs text-slate-600">
          {t('staff.answer.legalBasisHint')}
        </p>
      </div>

      <Field
        form={F}
        name="remedyNotice"
        type="textarea"
        rows={3}
        label={t('staff.answer.remedyNotice')}
        hint={t('staff.answer.remedyNoticeHint')}
        required
        defaultValue={values.remedyNotice ?? draft?.remedyNotice ?? defaultRemedyNotice}
        errors={errors.remedyNotice}
      />

      {needs?.confidentialityReview && <p className="text-xs text-slate-700">{t('staff.answer.reviewNeeded')}</p>}
      <FormMessage state={state} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('staff.answer.save')}
      </button>
    </form>
  );
}
