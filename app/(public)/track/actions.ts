'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { clientIp } from '@/lib/auth/client-ip';
import { formValues, invalidTextState, logActionError } from '@/lib/actions/run-action';
import { DomainError, isBadInputError } from '@/lib/errors';
import { LIMITS, hit, ipKey } from '@/lib/rate-limit';
import { acknowledgeFeeFromPortal, submitCorrectionFromPortal, withdrawFromPortal } from '@/lib/portal/applicant-actions';
import { readFormFiles, type UploadProblem } from '@/lib/portal/form-files';
import { loadPortalCase } from '@/lib/portal/portal-case';
import { lookupFromForm, trackedCasePath, type TrackState } from '@/lib/portal/track-form';
import { normalizeText } from '@/lib/validation/text';

export type { TrackState } from '@/lib/portal/track-form';

/**
 * Look-up by tracking number and access code (no account; lib/portal/track-form.ts): on success this browser
 * holds a tracking grant and goes to the case page. The /track page posts to app/api/portal/track, which does
 * the same work.
 */
export async function trackLookupAction(_prev: TrackState, form: FormData): Promise<TrackState> {
  const result = await lookupFromForm(form);
  if (!result.ok) return result;
  redirect(trackedCasePath(result.trackingNo));
}

export type CaseActionState =
  | { ok: true; messageKey: string }
  | { ok: false; messageKey: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string[]>; fileProblems?: UploadProblem[] }
  | null;

/** The message's placeholders (dates, limits, file names) from a DomainError's params; nothing else. */
function messageParams(params: Record<string, unknown> | undefined): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

function failure(e: unknown): CaseActionState {
  if (e instanceof DomainError) {
    const fieldErrors = (e.params as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
    return { ok: false, messageKey: e.messageKey, params: messageParams(e.params), ...(fieldErrors ? { fieldErrors } : {}) };
  }
  if (isBadInputError(e)) return { ok: false, messageKey: 'errors.validation' };
  const digest = (e as { digest?: string })?.digest;
  if (typeof digest === 'string' && digest.startsWith('NEXT_')) throw e;
  void logActionError('portal.case_action', e);
  return { ok: false, messageKey: 'errors.generic' };
}

/**
 * The case the form names, if this request may act on it (owner or tracking grant); else "not found". A form
 * with a refused character (NUL, lone surrogate) in any field, or a version that is not a whole number, is
 * refused first (VALIDATION), so nothing of it is stored.
 */
async function caseFromForm(form: FormData) {
  const refused = invalidTextState(formValues(form));
  if (refused) throw new DomainError('VALIDATION', 'errors.validation', { fieldErrors: refused.fieldErrors });
  if (!/^\d{1,9}$/.test(String(form.get('version') ?? '0').trim())) throw new DomainError('VALIDATION', 'errors.validation');
  const found = await loadPortalCase(String(form.get('caseId') ?? ''));
  if (!found) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return found;
}

function revalidateCase(found: NonNullable<Awaited<ReturnType<typeof loadPortalCase>>>) {
  revalidatePath(`/my/${found.view.dto.id}`);
  revalidatePath(`/track/${found.view.dto.trackingNo}`);
  revalidatePath('/my');
}

/**
 * 撤回申请: the applicant's own act (WORKFLOW.md), with the version the page showed (compare-and-set).
 * Afterwards the case page no longer offers the panel, so the confirmation travels as `?done=withdrawn`.
 */
export async function withdrawAction(_prev: CaseActionState, form: FormData): Promise<CaseActionState> {
  let back: string;
  try {
    const found = await caseFromForm(form);
    const reason = normalizeText(String(form.get('reason') ?? '')).trim().slice(0, 2000) || undefined;
    await withdrawFromPortal({ access: found.access, caseId: found.view.dto.id, expectedVersion: Number(form.get('version')), reason, now: new Date() });
    revalidateCase(found);
    const returnTo = String(form.get('returnTo') ?? '');
    // Only the two case pages: never an arbitrary (open-redirect) target.
    back = /^\/(my|track)\/[A-Za-z0-9-]+$/.test(returnTo) ? returnTo : `/track/${found.view.dto.trackingNo}`;
  } catch (e) {
    return failure(e);
  }
  redirect(`${back}?done=withdrawn`);
}

/** 补正 (Art. 30): text and/or files, while the correction is open (one library call: event + files). */
export async function submitCorrectionAction(_prev: CaseActionState, form: FormData): Promise<CaseActionState> {
  try {
    const found = await caseFromForm(form);
    const text = normalizeText(String(form.get('correctionText') ?? '')).slice(0, 10_000);
    const { files, problems } = await readFormFiles(form, 'correctionFiles');
    if (problems.length) {
      return { ok: false, messageKey: 'errors.validation', fieldErrors: { correctionFiles: problems.map((p) => p.messageKey) }, fileProblems: problems };
    }
    if (!text.trim() && files.length === 0) {
      return { ok: false, messageKey: 'errors.validation', fieldErrors: { correctionText: ['portal.correction.empty'] } };
    }
    if (!found.view.correction || found.view.correction.isPeriodOver) throw new DomainError('INVALID_TRANSITION', 'portal.correction.closed');
    const ip = clientIp(await headers());
    const limit = await hit(LIMITS.submitPerIp, ipKey(ip));
    if (!limit.allowed) return { ok: false, messageKey: 'errors.rateLimited' };
    await submitCorrectionFromPortal({
      access: found.access,
      caseId: found.view.dto.id,
      expectedVersion: Number(form.get('version')),
      text,
      files,
      now: new Date(),
    });
    revalidateCase(found);
    return { ok: true, messageKey: 'portal.correction.done' };
  } catch (e) {
    return failure(e);
  }
}

/** Acknowledging the fee notice (收费通知). */
export async function acknowledgeFeeAction(_prev: CaseActionState, form: FormData): Promise<CaseActionState> {
  try {
    const found = await caseFromForm(form);
    if (!found.view.fee) throw new DomainError('INVALID_TRANSITION', 'errors.invalidTransition');
    await acknowledgeFeeFromPortal({ access: found.access, caseId: found.view.dto.id, feeNoticeId: found.view.fee.id, now: new Date() });
    revalidateCase(found);
    return { ok: true, messageKey: 'portal.fee.acknowledged' };
  } catch (e) {
    return failure(e);
  }
}
