/** How many matches an organisation picker lists at most (shared by the search route and the pickers' texts). */
export const ORG_SEARCH_LIMIT = 30;
