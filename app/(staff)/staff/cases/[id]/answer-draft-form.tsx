'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useState } from 'react';
import type { Outcome } from '@/lib/law/ids';
import { answerRequirements, OUTCOME_GROUPS, OUTCOME_RULES, outcomeGroup, STAFF_SELECTABLE_OUTCOMES } from '@/lib/law/outcomes';
import {
  answerCitations,
  answerDetailRule,
  answerItemsFor,
  WITHHELD_GROUNDS,
  type AnswerDetails,
  type AnswerItem,
  type WithheldGround,
} from '@/lib/law/answer-content';
import { formatLegalBasis } from '@/lib/documents/outcome-text';
import { Field, FormMessage } from '../../_components/field';
import { messageText } from '../../_lib/message-values';
import { saveAnswerDraftAction } from './actions';

export interface AnswerDraftValues {
  outcome: Outcome | null;
  reason: string | null;
  legalBasis: string | null;
  remedyNotice: string | null;
  isSeparated: boolean;
  details: AnswerDetails;
}

/** The default citation (本答复的依据为…) of an outcome with its item and withholding ground. */
function defaultBasis(outcome: Outcome, item: AnswerItem | '', ground: WithheldGround | ''): string {
  return formatLegalBasis(answerCitations(outcome, { item: item || undefined, withheldGround: ground || undefined }, OUTCOME_RULES[outcome].legalBasis));
}

/**
 * 答复书: exactly one outcome from the annual table's result rows; reasons and legal basis where the law
 * requires them; the remedy notice prefilled (Art. 51); `partially_granted` whenever information is
 * separated (Art. 37). Each outcome shows the article that governs it (the item of Art. 36 where one does;
 * for 予以公开 and 本机关不掌握 the drafter picks the item) and the details that article requires
 * (lib/law/answer-content.ts). What is still missing is listed, and submitting is refused until it is complete.
 */
export function AnswerDraftForm({
  caseId,
  version,
  draft,
  defaultRemedyNotice,
}: {
  caseId: string;
  version: number;
  draft: AnswerDraftValues | null;
  defaultRemedyNotice: string;
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(saveAnswerDraftAction, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

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
      <AnswerFields
        form="answer"
        values={values}
        errors={errors}
        draft={draft}
        defaultRemedyNotice={defaultRemedyNotice}
        after={(outcome) => (outcome && answerRequirements(outcome).confidentialityReview ? <p className="text-xs text-slate-700">{t('staff.answer.reviewNeeded')}</p> : null)}
      />
      <FormMessage state={state} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('staff.answer.save')}
      </button>
    </form>
  );
}

/**
 * The answer's fields (outcome, Art. 36 item and details, separation, reason, legal basis, remedy notice): the
 * case page's answer draft and the counter's on-the-spot answer (../../counter/counter-form.tsx) use the same
 * ones, so an element the law requires is asked for in both. `after` renders below them, given the outcome.
 */
export function AnswerFields({
  form: F,
  values,
  errors,
  draft,
  defaultRemedyNotice,
  after,
}: {
  form: string;
  values: Record<string, string>;
  errors: Record<string, string[]>;
  draft: AnswerDraftValues | null;
  defaultRemedyNotice: string;
  after?: (outcome: Outcome | '') => React.ReactNode;
}) {
  const t = useTranslations();
  const saved = draft?.details ?? {};
  const [outcome, setOutcome] = useState<Outcome | ''>((values.outcome as Outcome) ?? draft?.outcome ?? '');
  const [item, setItem] = useState<AnswerItem | ''>((values.item as AnswerItem) ?? saved.item ?? '');
  const [ground, setGround] = useState<WithheldGround | ''>((values.withheldGround as WithheldGround) ?? saved.withheldGround ?? '');
  const [agencyUnknown, setAgencyUnknown] = useState<boolean>(values.responsibleAgencyUnknown ? values.responsibleAgencyUnknown === 'true' : saved.responsibleAgencyUnknown === true);
  const initialDefault = outcome ? defaultBasis(outcome, item, ground) : '';
  const [legalBasis, setLegalBasis] = useState<string>(values.legalBasis ?? draft?.legalBasis ?? initialDefault);
  const [basisEdited, setBasisEdited] = useState<boolean>(Boolean(draft?.legalBasis && outcome && draft.legalBasis !== initialDefault));
  const [separated, setSeparated] = useState<boolean>(values.isSeparated ? values.isSeparated === 'true' : (draft?.isSeparated ?? false));
  const needs = outcome ? answerRequirements(outcome) : null;
  const items = outcome ? answerItemsFor(outcome) : [];
  const effectiveItem: AnswerItem | '' = items.length === 0 ? '' : item && items.includes(item) ? item : items[0];
  const rule = outcome ? answerDetailRule(outcome, effectiveItem || undefined) : null;
  const shows = (field: keyof AnswerDetails) => (rule?.fields as readonly string[] | undefined)?.includes(field) ?? false;

  // The default articles follow the outcome, the Art. 36 item and the withholding ground until the drafter writes their own.
  const followBasis = (nextOutcome: Outcome | '', nextItem: AnswerItem | '', nextGround: WithheldGround | '') => {
    if (nextOutcome && !basisEdited) setLegalBasis(defaultBasis(nextOutcome, nextItem, nextGround));
  };
  const chooseOutcome = (next: Outcome | '') => {
    setOutcome(next);
    const nextItems = next ? answerItemsFor(next) : [];
    const nextItem = nextItems.length > 0 ? nextItems[0] : '';
    setItem(nextItem);
    followBasis(next, nextItem, ground);
    // Art. 37: partial disclosure means the information was separated, and nothing else may be separated.
    setSeparated(next === 'partially_granted');
  };
  const text = (name: keyof AnswerDetails): string => values[name] ?? (typeof saved[name] === 'string' ? (saved[name] as string) : '');

  return (
    <>
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

      {items.length > 0 && (
        <fieldset>
          <legend className="field-label">
            {t('staff.answer.item')}
            <span aria-hidden="true" className="text-red-700"> *</span>
          </legend>
          {items.map((i) => (
            <div key={i} className="flex items-start gap-2">
              <input
                id={`${F}-item-${i}`}
                type="radio"
                name="item"
                value={i}
                className="mt-1 h-4 w-4"
                checked={effectiveItem === i}
                onChange={() => {
                  setItem(i);
                  followBasis(outcome, i, ground);
                }}
              />
              <label htmlFor={`${F}-item-${i}`} className="text-sm text-slate-800">
                {t(`staff.answer.itemOption.${i}`)}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {rule?.governedBy && (
        <p className="text-xs text-slate-700" data-testid="answer-governed-by">
          {t('staff.answer.governedBy', { article: formatLegalBasis([rule.governedBy]) })}
        </p>
      )}

      {shows('publishedWhere') && (
        <Field form={F} name="publishedWhere" type="textarea" rows={2} label={t('staff.answer.detail.publishedWhere')} hint={t('staff.answer.detail.publishedWhereHint')} required defaultValue={text('publishedWhere')} errors={errors.publishedWhere} />
      )}
      {shows('withheldPart') && (
        <Field form={F} name="withheldPart" type="textarea" rows={2} label={t('staff.answer.detail.withheldPart')} hint={t('staff.answer.detail.withheldPartHint')} required defaultValue={text('withheldPart')} errors={errors.withheldPart} />
      )}
      {shows('withheldGround') && (
        <Field
          form={F}
          name="withheldGround"
          type="select"
          label={t('staff.answer.detail.withheldGround')}
          required
          defaultValue={ground}
          options={[{ value: '', label: t('staff.field.choose') }, ...WITHHELD_GROUNDS.map((g) => ({ value: g, label: t(`staff.answer.detail.withheldGroundOption.${g}`) }))]}
          onChange={(v) => {
            setGround(v as WithheldGround | '');
            followBasis(outcome, effectiveItem, v as WithheldGround | '');
          }}
          errors={errors.withheldGround}
        />
      )}
      {shows('accessArrangement') && (
        <Field form={F} name="accessArrangement" type="textarea" rows={2} label={t('staff.answer.detail.accessArrangement')} hint={t('staff.answer.detail.accessArrangementHint')} defaultValue={text('accessArrangement')} errors={errors.accessArrangement} />
      )}
      {shows('responsibleAgency') && (
        <div className="space-y-2">
          <p className="text-xs text-slate-600">{t('staff.answer.detail.responsibleAgencyHint')}</p>
          <Field
            form={F}
            name="responsibleAgencyUnknown"
            type="checkbox"
            label={t('staff.answer.detail.responsibleAgencyUnknown')}
            defaultChecked={agencyUnknown}
            onChange={(_v, checked) => setAgencyUnknown(checked)}
          />
          {!agencyUnknown && (
            <>
              <Field form={F} name="responsibleAgency" label={t('staff.answer.detail.responsibleAgency')} required defaultValue={text('responsibleAgency')} errors={errors.responsibleAgency} />
              <Field form={F} name="responsibleAgencyContact" label={t('staff.answer.detail.responsibleAgencyContact')} required defaultValue={text('responsibleAgencyContact')} errors={errors.responsibleAgencyContact} />
            </>
          )}
        </div>
      )}
      {shows('channel') && outcome && (
        <Field
          form={F}
          name="channel"
          type="textarea"
          rows={2}
          label={t(`staff.answer.detail.channel.${outcome as 'denied_administrative_inquiry' | 'not_processed_petition_complaint' | 'not_processed_publication'}`)}
          hint={t('staff.answer.detail.channelHint')}
          required={rule?.required.includes('channel')}
          defaultValue={text('channel')}
          errors={errors.channel}
        />
      )}
      {shows('priorAnswer') && (
        <Field form={F} name="priorAnswer" label={t('staff.answer.detail.priorAnswer')} hint={t('staff.answer.detail.priorAnswerHint')} required defaultValue={text('priorAnswer')} errors={errors.priorAnswer} />
      )}

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

      {after?.(outcome)}
    </>
  );
}
