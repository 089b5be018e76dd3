'use client';

import { useDocumentHtml } from '@/components/use-document-html';
import type { CaseStatus } from '@/lib/cases/workflow';

/** One row of the case register as the page hands it over: the data once, compact (issue 13). */
export interface CaseRowData {
  id: string;
  trackingNo: string;
  channel: string;
  applicantName: string;
  applicantType: string;
  description: string;
  org: string;
  /** null: unassigned. */
  clerk: string | null;
  status: CaseStatus;
  receivedOn: string | null;
  answerDueOn: string | null;
  /** The due date is 暂定 (a holiday notice is not imported yet). */
  provisional?: true;
  overdue?: true;
  outcome: string | null;
}

/** The translated labels the rows use: each code's label once, not once per row. */
export interface CaseRowLabels {
  channel: Record<string, string>;
  applicantType: Record<string, string>;
  status: Record<string, string>;
  outcome: Record<string, string>;
  unassigned: string;
  pendingConfirmation: string;
  tentative: string;
  overdue: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** Text or an attribute value with &, <, >, " and ' escaped (what React escapes). */
function esc(value: string | undefined): string {
  return value === undefined ? '' : value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The rows of the case register as one HTML string: the markup React rendered from the former CaseRows
 * component, element for element (test ids, data attributes, classes, cell order), built as text. 50 rows are
 * ~1,000 elements: as React elements the server's renderer spent more on them than on the rest of the page,
 * and their data travelled a second time in the document's __NEXT_DATA__ for hydration (~26 KB). Every value
 * goes through `esc` (case-rows.test.ts checks it with hostile values). Cells are styled by the table's class
 * and their column (globals.css `.register`: no class on a cell, ~90 bytes a row less). Since session 8 the
 * row's link, status badge (styled by its data-status, the colours of STATUS_TONE), unassigned clerk and
 * pending receipt carry no utility classes either (`.register` rules; ~70 bytes a row less).
 */
export function caseRowsHtml(rows: readonly CaseRowData[], labels: CaseRowLabels): string {
  let out = '';
  for (const c of rows) {
    const received = c.receivedOn !== null ? esc(c.receivedOn) : c.status === 'pending_confirmation' ? `<span class="pc">${esc(labels.pendingConfirmation)}</span>` : '—';
    out +=
      `<tr data-testid="case-row" data-tracking-no="${esc(c.trackingNo)}">` +
      `<th scope="row"><a href="/staff/cases/${esc(c.id)}">${esc(c.trackingNo)}</a><span class="sub">${esc(labels.channel[c.channel])}</span></th>` +
      `<td>${esc(c.applicantName)}<span class="sub">${esc(labels.applicantType[c.applicantType])}</span></td>` +
      `<td>${esc(c.description)}</td>` +
      `<td>${esc(c.org)}</td>` +
      `<td>${c.clerk !== null ? esc(c.clerk) : `<span class="na">${esc(labels.unassigned)}</span>`}</td>` +
      `<td><span data-testid="case-status" data-status="${esc(c.status)}">${esc(labels.status[c.status])}</span></td>` +
      `<td>${received}</td>` +
      `<td>${c.answerDueOn !== null ? esc(c.answerDueOn) : '—'}` +
      (c.provisional ? `<span class="tentative" data-testid="due-provisional">${esc(labels.tentative)}</span>` : '') +
      (c.overdue ? `<span class="late">${esc(labels.overdue)}</span>` : '') +
      `</td>` +
      `<td>${c.outcome !== null ? esc(labels.outcome[c.outcome]) : '—'}</td>` +
      `</tr>`;
  }
  return out;
}

/**
 * The register's <tbody>, its rows written once: in the document's HTML, and not again in __NEXT_DATA__.
 * On the server `rows` is the page's rows (lib/staff-pages/server.ts passes them with `documentOnly`, so the
 * JSON of the props carries null in their place). In the browser, hydration takes the rows' markup from the
 * document it hydrates — the <tbody> carrying the same `rowsKey` — so React sees the HTML it rendered on the
 * server and leaves the rows alone (no mismatch, nothing re-rendered). Should the page ever be rendered in the
 * browser without that document (a client-side transition; the register's links, pagination and language
 * switch all load a new document), it loads the page from the server instead of showing other rows.
 */
export function CaseRowsBody({ rows, rowsKey, labels }: { rows: readonly CaseRowData[] | null; rowsKey: string; labels: () => CaseRowLabels }) {
  const html = useDocumentHtml('data-rows', rowsKey, () => (rows ? caseRowsHtml(rows, labels()) : null));
  return <tbody data-rows={rowsKey} dangerouslySetInnerHTML={{ __html: html }} />;
}
