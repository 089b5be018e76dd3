/**
 * What the portal offers without an account, in a module without imports so the citizen pages (Pages
 * Router, pages/apply.tsx) can read it; lib/portal/applicant-actions.ts re-exports it.
 */
/** Supporting files of an anonymous application (submitApplication stores `files` in its transaction). */
export const APPLICATION_FILES_WITHOUT_ACCOUNT = true;
