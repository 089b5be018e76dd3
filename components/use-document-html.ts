'use client';

import { useEffect, useState } from 'react';

/**
 * Markup the server rendered as a string and placed as an element's inner HTML (the register's rows,
 * case-rows.tsx CaseRowsBody, and its static parts, register-html.tsx RegisterHtml), for that element's
 * `dangerouslySetInnerHTML`: on the server `server()` gives it; in the browser, where the string is not in the
 * page's props (lib/staff-pages/document-only.ts), hydration takes it from the document — the element whose
 * `attribute` is `name` — so React finds what it rendered and leaves it alone. Without such an element (a
 * page rendered in the browser without that document) the page loads itself from the server.
 */
export function useDocumentHtml(attribute: string, name: string, server: () => string | null): string {
  const [inner] = useState<string | null>(() => server() ?? documentHtml(attribute, name));
  useEffect(() => {
    if (inner === null) window.location.reload();
  }, [inner]);
  return inner ?? '';
}

/** The inner HTML of the document's element whose `attribute` is `name`, if there is one. */
function documentHtml(attribute: string, name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const element of document.querySelectorAll(`[${attribute}]`)) {
    if (element.getAttribute(attribute) === name) return element.innerHTML;
  }
  return null;
}
