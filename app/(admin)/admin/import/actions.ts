'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { undoImportBatch } from '@/lib/import/undo-import';

const undoSchema = z.object({ batchId: z.string().trim().min(1).max(100), fileName: z.string().max(300).optional() });

/** 撤销本批导入: validate → authorise → lib (compare-and-set on the batch: a double click undoes once). */
export async function undoImportBatchAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(undoSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/import');
    const result = await undoImportBatch(admin, parsed.data.batchId);
    revalidatePath('/admin/import');
    return {
      ok: true,
      messageKey: 'admin.import.batches.undone',
      params: { file: parsed.data.fileName ?? '', cases: result.removedCases, appeals: result.removedAppeals },
    } as const;
  });
}
