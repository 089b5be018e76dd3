'use server';

import { submitPortalApplication, type ApplyState } from '@/lib/portal/submit-application';

export type { ApplyState } from '@/lib/portal/submit-application';

/**
 * The application form as a server action (lib/portal/submit-application.ts). The form itself posts to the
 * route handler app/api/portal/apply, which answers without rendering the page again.
 */
export async function submitApplicationAction(_prev: ApplyState, form: FormData): Promise<ApplyState> {
  return submitPortalApplication(form);
}
