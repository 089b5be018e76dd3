'use server';

import { revalidatePath } from 'next/cache';
import { formValues, invalidTextState, logActionError } from '@/lib/actions/run-action';
import { anonymousApplicantFor } from '@/lib/cases/actor';
import { DomainError, isBadInputError } from '@/lib/errors';
import { loadPortalCase } from '@/lib/portal/portal-case';
import { suggestPublication } from '@/lib/reading-room/publications';
import type { CaseActionState } from './actions';

/**
 * 建议纳入主动公开 (Art. 44 para 2): the applicant of a concluded case that released information — the account
 * owner, or the holder of this browser's tracking grant (verified with the access code) — suggests publishing it.
 * One suggestion per case; a repeat says it was already made.
 */
export async function suggestPublicationAction(_prev: CaseActionState, form: FormData): Promise<CaseActionState> {
  try {
    const values = formValues(form);
    const refused = invalidTextState(values);
    if (refused) return { ok: false, messageKey: 'errors.validation', fieldErrors: refused.fieldErrors };
    const found = await loadPortalCase(values.caseId ?? '');
    if (!found) return { ok: false, messageKey: 'errors.notFound' };
    const { dto } = found.view;
    const actor = found.access.kind === 'account' ? found.access.actor : anonymousApplicantFor(dto.id);
    const result = await suggestPublication({ actor, caseId: dto.id, note: values.note, now: new Date() });
    revalidatePath(`/my/${dto.id}`);
    revalidatePath(`/track/${dto.trackingNo}`);
    return { ok: true, messageKey: result.isNew ? 'portal.suggest.done' : 'portal.suggest.already' };
  } catch (e) {
    if (e instanceof DomainError) {
      const fieldErrors = (e.params as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
      return { ok: false, messageKey: e.messageKey, ...(fieldErrors ? { fieldErrors } : {}) };
    }
    if (isBadInputError(e)) return { ok: false, messageKey: 'errors.validation' };
    void logActionError('portal.suggest_publication', e);
    return { ok: false, messageKey: 'errors.generic' };
  }
}
