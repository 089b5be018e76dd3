'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { updateAppealResultAction } from './actions';

const RESULTS = ['pending', 'upheld', 'corrected', 'other'] as const;

/** The result of one 行政复议 / 行政诉讼 (section 四 of the annual table): 结果维持 / 结果纠正 / 其他结果 / 尚未审结. */
export function AppealResultForm({
  caseId,
  version,
  appeal,
}: {
  caseId: string;
  version: number;
  appeal: { id: string; result: (typeof RESULTS)[number]; decidedOn: string | null };
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(updateAppealResultAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formId = `appeal-${appeal.id}`;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" noValidate aria-label={t('workflow.event.appeal_result_recorded')}>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="appealId" value={appeal.id} />
      <Field
        form={formId}
        name="result"
        type="select"
        label={t('staff.records.col.result')}
        required
        defaultValue={appeal.result}
        options={RESULTS.map((r) => ({ value: r, label: t(`workflow.appealResult.${r}`) }))}
        errors={errors.result}
      />
      <Field form={formId} name="decidedOn" type="date" label={t('staff.records.col.decidedOn')} defaultValue={appeal.decidedOn ?? ''} errors={errors.decidedOn} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {t('workflow.event.appeal_result_recorded')}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
