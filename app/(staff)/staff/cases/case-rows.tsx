'use client';

import type { CaseStatus } from '@/lib/cases/workflow';
import { STATUS_TONE } from '../_components/status-tone';

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

/**
 * The rows of the case register. Rendered on the server into the HTML like any component; as a client
 * component its input crosses to the browser as this compact data instead of as the rendered element tree,
 * which the document otherwise carries a second time in the RSC payload (~1.4 KB a row). Cells are styled by
 * the table's class (globals.css `.register`); the links are plain <a> (no prefetch of 50 case pages).
 */
export function CaseRows({ rows, labels }: { rows: CaseRowData[]; labels: CaseRowLabels }) {
  return rows.map((c) => (
    <tr key={c.id} data-testid="case-row" data-tracking-no={c.trackingNo}>
      <th scope="row">
        <a href={`/staff/cases/${c.id}`} className="link nw">
          {c.trackingNo}
        </a>
        <span className="sub">{labels.channel[c.channel]}</span>
      </th>
      <td>
        {c.applicantName}
        <span className="sub">{labels.applicantType[c.applicantType]}</span>
      </td>
      <td className="desc">{c.description}</td>
      <td className="min-w-32">{c.org}</td>
      <td className="nw">{c.clerk ?? <span className="text-slate-500">{labels.unassigned}</span>}</td>
      <td>
        <span data-testid="case-status" data-status={c.status} className={`badge ${STATUS_TONE[c.status]}`}>
          {labels.status[c.status]}
        </span>
      </td>
      <td className="nw">{c.receivedOn ?? (c.status === 'pending_confirmation' ? <span className="font-medium text-amber-800">{labels.pendingConfirmation}</span> : '—')}</td>
      <td className="nw">
        {c.answerDueOn ?? '—'}
        {c.provisional && (
          <span className="tentative" data-testid="due-provisional">
            {labels.tentative}
          </span>
        )}
        {c.overdue && <span className="late">{labels.overdue}</span>}
      </td>
      <td className="min-w-40 text-xs">{c.outcome ? labels.outcome[c.outcome] : '—'}</td>
    </tr>
  ));
}
