/**
 * Which messages each group of client components receives (issue 13: a page carries only the messages it
 * uses). Server components translate on the server with `getTranslations` and need no entry here; a client
 * component that calls `useTranslations` must sit under `<ClientMessages set=…>` (components/client-messages.tsx)
 * whose set includes every key it reads — including the message keys a server action may return.
 * Keys are dotted paths into the catalogue (lib/i18n/messages); a unit test checks that each one exists.
 */

/** Message keys a server action or route can hand back to any form: errors, validation and domain errors. */
const ERRORS = ['errors', 'validation', 'case', 'attachment', 'workflow.error', 'common'] as const;

export const CLIENT_MESSAGES = {
  /** /apply: the application form, the organisation picker and the confirmation. */
  apply: [
    'portal.apply',
    'portal.org',
    'portal.confirm',
    'portal.idDocType',
    'portal.requestedForm',
    'portal.deliveryMethod',
    'portal.upload',
    'portal.requiredNote',
    'applicantType',
    ...ERRORS,
  ],
  /** /track: the look-up form. */
  track: ['portal.track', ...ERRORS],
  /** /track/[trackingNo] and /my/[id]: the applicant's actions on a case (correction, fee, withdrawal). */
  portalCase: ['portal', 'status', ...ERRORS],
  /** /signin and /register. */
  auth: ['auth', 'nav.signIn', ...ERRORS],
  /** Staff case list: the register export (the pickers get their labels from the server). */
  staffList: ['staff.export', ...ERRORS],
  /** Staff case page and registration form. */
  staffCase: ['staff', 'workflow', 'answer', 'outcome', 'status', 'role', 'deadline', 'applicantType', 'channel', ...ERRORS],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessageSet = keyof typeof CLIENT_MESSAGES;
