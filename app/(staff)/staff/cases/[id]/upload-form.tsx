'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { uploadAttachmentAction } from './actions';

/**
 * Adds a file to the case: a disclosed file (公开的政府信息) on the answer draft while it is editable, or an
 * internal file (the scanned letter, a correction received on paper, anything else).
 */
export function UploadForm({ caseId, version, canAttachDisclosed }: { caseId: string; version: number; canAttachDisclosed: boolean }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(uploadAttachmentAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const purposes = [...(canAttachDisclosed ? (['disclosed_file'] as const) : []), 'application_file', 'correction_file', 'other'] as const;
  return (
    <form action={action} className="space-y-3" noValidate aria-label={t('staff.upload.title')}>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <Field
        form="upload"
        name="purpose"
        type="select"
        label={t('staff.upload.purpose')}
        required
        defaultValue={purposes[0]}
        options={purposes.map((p) => ({ value: p, label: t(`workflow.filePurpose.${p}`) }))}
        errors={errors.purpose}
      />
      <Field form="upload" name="file" type="file" label={t('staff.upload.file')} hint={t('staff.upload.hint')} required errors={errors.file} />
      <FormMessage state={state} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {t('staff.upload.submit')}
      </button>
    </form>
  );
}
