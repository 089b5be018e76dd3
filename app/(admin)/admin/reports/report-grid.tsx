'use client';

import { useMemo } from 'react';
import { sectionTableHtml, type SectionTableProps } from './report-table-html';

/**
 * One table of the annual report, built from its compact data by report-table-html.ts (issue 13): on the
 * server for the HTML, in the browser when it hydrates. The RSC payload carries the data (a few KB), not the
 * ~300 cells. No client behaviour beyond that: the drill-down links are plain links.
 */
export function ReportGrid(props: SectionTableProps) {
  const html = useMemo(() => tableHtml(props), [props]);
  return (
    <div
      className="max-h-[85vh] overflow-auto rounded border border-slate-300 bg-white print:max-h-none print:overflow-visible print:border-0"
      // Escaped markup: every label, number, translation and link value goes through escapeHtml / attrs.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/**
 * sectionTableHtml is a pure function of the props: the server renders every repeat view of a year and scope
 * with equal props (the report page's view is cached, lib/admin/report-view-cache.ts), so the last tables
 * built are kept by their props' JSON — an exact key: other data, labels or links are another key.
 */
const MAX_TABLES = 48;
const built = new Map<string, string>();
function tableHtml(props: SectionTableProps): string {
  const key = JSON.stringify(props);
  let html = built.get(key);
  if (html === undefined) {
    html = sectionTableHtml(props);
    built.set(key, html);
    if (built.size > MAX_TABLES) built.delete(built.keys().next().value!);
  }
  return html;
}
