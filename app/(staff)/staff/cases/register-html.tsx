'use client';

import { createElement, useEffect, useState, type HTMLAttributes } from 'react';

/**
 * An element whose children are markup the server rendered once for many views (register-static.tsx): on
 * the server `html` is that markup (the page's props carry it with `documentOnly`, so the document's JSON
 * has null in its place); in the browser, hydration takes the markup from the document itself — the
 * element with the same `name` in `data-html` — so React finds what it rendered and leaves it alone (the
 * technique of case-rows.tsx CaseRowsBody). `name` starts with a digest of what the markup depends on: a
 * page rendered in the browser without that document (a client-side transition; the register's links, form
 * and language switch all load a new document) loads itself from the server rather than show other markup.
 *
 * `as="div"` with `className="contents"` (display: contents) places the parts among a grid's own items.
 */
export function RegisterHtml({ as, name, html, ...attributes }: { as: 'div' | 'thead'; name: string; html: string | null } & HTMLAttributes<HTMLElement>) {
  const [inner] = useState<string | null>(() => html ?? renderedHtml(name));
  useEffect(() => {
    if (inner === null) window.location.reload();
  }, [inner]);
  return createElement(as, { ...attributes, 'data-html': name, dangerouslySetInnerHTML: { __html: inner ?? '' } });
}

/** The markup of the rendered element with this name in the document, if there is one. */
function renderedHtml(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const element of document.querySelectorAll('[data-html]')) {
    if (element.getAttribute('data-html') === name) return element.innerHTML;
  }
  return null;
}
