import 'server-only';
import { headers } from 'next/headers';
import { fieldErrorsOf, formValues, logActionError } from '@/lib/actions/run-action';
import { refusedFields } from '@/lib/validation/text';
import { clientIp } from '@/lib/auth/client-ip';
import { getActor } from '@/lib/auth/session';
import { submitApplication } from '@/lib/cases/register-case';
import { DomainError, isBadInputError } from '@/lib/errors';
import { LIMITS, hit, ipKey } from '@/lib/rate-limit';
import { grantTrackAccess } from '@/lib/portal/access';
import { readFormFiles, type UploadProblem } from '@/lib/portal/form-files';
import { applicationFormSchema } from '@/lib/validation/application-schema';

export type ApplyState =
  | {
      ok: true;
      data: { caseId: string; trackingNo: string; accessCode: string; orgId: number; isLinkedToAccount: boolean };
    }
  | {
      ok: false;
      messageKey: string;
      params?: Record<string, string | number>;
      fieldErrors?: Record<string, string[]>;
      /** What was typed, so the form shows it again (files cannot be kept by a browser). */
      values?: Record<string, string>;
      fileProblems?: UploadProblem[];
      hadFiles?: boolean;
    }
  | null;

/**
 * Submits an application (Art. 29). Validate (fields and files, all errors at once) → throttle per IP →
 * the case library registers it (idempotent by the form's submission key: a double click or a retried
 * request returns the same case and the same access code) → this browser gets a tracking grant, so the
 * receipt can be downloaded and the case opened without typing the code again.
 *
 * Called by the route handler app/api/portal/apply (the form posts there: issue 13 item 3 — a server action
 * that sets a cookie makes Next render the whole page again into its answer) and by the server action.
 */
export async function submitPortalApplication(form: FormData): Promise<ApplyState> {
  const values = formValues(form);
  const { files, problems: fileProblems, hadFiles } = await readFormFiles(form, 'files');

  const parsed = applicationFormSchema.safeParse(values);
  // The text rule (lib/validation/text.ts) for every field, also those the schema does not name (submissionKey).
  const refused = refusedFields(values);
  if (!parsed.success || fileProblems.length > 0 || refused) {
    const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...refused };
    if (fileProblems.length) fieldErrors.files = fileProblems.map((p) => p.messageKey);
    return { ok: false, messageKey: 'errors.validation', fieldErrors, values, fileProblems, hadFiles };
  }

  try {
    const ip = clientIp(await headers());
    const limit = await hit(LIMITS.submitPerIp, ipKey(ip));
    if (!limit.allowed) return { ok: false, messageKey: 'errors.rateLimited', values, hadFiles };

    const actor = await getActor();
    // Staff who use the public form apply as anyone does; only applicant accounts get the case linked.
    const applicant = actor?.role === 'applicant' ? actor : null;
    const now = new Date();
    // The files are stored in the registration transaction (public application files, also without an
    // account); a replayed submission stores nothing again.
    const result = await submitApplication({ form: parsed.data, submissionKey: values.submissionKey ?? '', applicant, now, files });
    if (!result.accessCode) throw new Error('portal submission without an access code');

    await grantTrackAccess({ caseId: result.caseId, trackingNo: result.trackingNo, accessCode: result.accessCode });
    return {
      ok: true,
      data: {
        caseId: result.caseId,
        trackingNo: result.trackingNo,
        accessCode: result.accessCode,
        orgId: parsed.data.orgId,
        isLinkedToAccount: applicant !== null,
      },
    };
  } catch (e) {
    if (e instanceof DomainError) {
      const libFieldErrors = (e.params as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
      return { ok: false, messageKey: e.messageKey, fieldErrors: libFieldErrors, values, hadFiles };
    }
    if (isBadInputError(e)) return { ok: false, messageKey: 'errors.validation', values, hadFiles };
    await logActionError('portal.submit', e);
    return { ok: false, messageKey: 'errors.generic', values, hadFiles };
  }
}
