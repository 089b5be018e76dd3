'use client';

import { createElement, type HTMLAttributes } from 'react';
import { useDocumentHtml } from '@/components/use-document-html';

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
  const inner = useDocumentHtml('data-html', name, () => html);
  return createElement(as, { ...attributes, 'data-html': name, dangerouslySetInnerHTML: { __html: inner } });
}
