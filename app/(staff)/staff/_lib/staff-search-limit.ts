/** How many staff members a picker search answers at most (app/(staff)/staff/_lib/directory.ts); no server code, so pages can show it. */
export const STAFF_SEARCH_LIMIT = 30;
