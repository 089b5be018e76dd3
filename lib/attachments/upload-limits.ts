/**
 * The applicant upload limits and the file input's `accept` hint, alone in a module without imports so
 * client components can use them without pulling the server-side sniffing and its zod text rules into the
 * browser (≈ 29 KB gzip on /apply; issue 13). lib/attachments/upload-sniff.ts re-exports them.
 */
export const MAX_UPLOAD_FILES = 5;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** For the file input's `accept` attribute: a hint to the browser only; the server sniffs. */
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt,application/pdf,image/jpeg,image/png,text/plain';

/** Disclosed files handed over with an on-the-spot answer, at most (lib/cases/answer-on-the-spot.ts). */
export const COUNTER_MAX_FILES = 5;
