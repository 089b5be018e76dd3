'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage } from '../_components/action-message';
import { undoImportBatchAction } from './actions';

/** "撤销本批导入" with a confirmation; the button stays disabled while the undo runs. */
export function UndoImportBatch({ batchId, fileName, count }: { batchId: string; fileName: string; count: number }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(undoImportBatchAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(t('admin.import.batches.undoConfirm', { file: fileName, count }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="batchId" value={batchId} />
      <input type="hidden" name="fileName" value={fileName} />
      <button type="submit" className="btn-secondary px-3 py-1" disabled={pending || state?.ok === true}>
        {t('admin.import.batches.undo')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
