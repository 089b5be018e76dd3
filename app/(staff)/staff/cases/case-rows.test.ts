/**
 * The case register's rows as an HTML string (caseRowsHtml) against the markup React rendered from the former
 * CaseRows component (kept below as the reference, written with createElement): the same elements,
 * attributes, test ids and texts, with ordinary and hostile values. Bug guarded against: the string builder
 * drifts from what users, e2e selectors and assistive technology saw, or lets a value inject markup.
 */
import { createElement as h, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATUS_TONE } from '../_components/status-tone';
import { caseRowsHtml, type CaseRowData, type CaseRowLabels } from './case-rows';

/**
 * The former CaseRows component (session 6), element for element; since session 7 without the cells' classes
 * (globals.css styles the columns), since session 8 without the link's and the badge's utility classes and with
 * short classes for the unassigned clerk and the pending receipt (globals.css `.register` styles them alike).
 */
function reference(rows: CaseRowData[], labels: CaseRowLabels): ReactNode {
  return rows.map((c) =>
    h(
      'tr',
      { key: c.id, 'data-testid': 'case-row', 'data-tracking-no': c.trackingNo },
      h('th', { scope: 'row' }, h('a', { href: `/staff/cases/${c.id}` }, c.trackingNo), h('span', { className: 'sub' }, labels.channel[c.channel])),
      h('td', null, c.applicantName, h('span', { className: 'sub' }, labels.applicantType[c.applicantType])),
      h('td', null, c.description),
      h('td', null, c.org),
      h('td', null, c.clerk ?? h('span', { className: 'na' }, labels.unassigned)),
      h('td', null, h('span', { 'data-testid': 'case-status', 'data-status': c.status }, labels.status[c.status])),
      h('td', null, c.receivedOn ?? (c.status === 'pending_confirmation' ? h('span', { className: 'pc' }, labels.pendingConfirmation) : '—')),
      h(
        'td',
        null,
        c.answerDueOn ?? '—',
        c.provisional && h('span', { className: 'tentative', 'data-testid': 'due-provisional' }, labels.tentative),
        c.overdue && h('span', { className: 'late' }, labels.overdue),
      ),
      h('td', null, c.outcome ? labels.outcome[c.outcome] : '—'),
    ),
  );
}

const labels: CaseRowLabels = {
  channel: { online: '网上申请', post_unsigned: '平常信函' },
  applicantType: { natural_person: '自然人', legal_person: '法人' },
  status: { in_progress: '办理中', pending_confirmation: '待确认收到', answered: '已答复' },
  outcome: { disclosed: '予以公开' },
  unassigned: '未指派',
  pendingConfirmation: '待确认，期限未起算',
  tentative: '（暂定）',
  overdue: '超期',
};

const base: CaseRowData = {
  id: '01941a12-623f-752c-869e-3a5733108182',
  trackingNo: 'GK2024-5E65948F',
  channel: 'online',
  applicantName: '罗文峰',
  applicantType: 'natural_person',
  description: '申请公开某河道整治工程的资金使用情况',
  org: '科室或村居155',
  clerk: '科员186',
  status: 'in_progress',
  receivedOn: '2024-12-31',
  answerDueOn: '2025-01-28',
  outcome: null,
};

const rows: CaseRowData[] = [
  base,
  { ...base, id: '01941a12-623d-7946-87a6-b1a3f53c5280', overdue: true, provisional: true },
  { ...base, id: 'b', status: 'pending_confirmation', receivedOn: null, answerDueOn: null, clerk: null },
  { ...base, id: 'c', status: 'answered', receivedOn: null, outcome: 'disclosed', channel: 'post_unsigned', applicantType: 'legal_person' },
  // Hostile values: markup, quotes and ampersands in every free-text field; codes without a label.
  {
    ...base,
    id: 'x"><script>alert(1)</script>',
    trackingNo: `GK"'<b>&amp;`,
    applicantName: '<img src=x onerror=alert(1)>',
    description: `a & b < c > d " e ' f \u0000 g`,
    org: '</td></tr><tr><td>',
    clerk: `"onmouseover="x`,
    channel: 'unknown',
    applicantType: 'unknown',
    answerDueOn: '<i>',
    overdue: true,
  },
];

describe('caseRowsHtml', () => {
  it('writes what React rendered from the former component, for ordinary and hostile rows', () => {
    expect(caseRowsHtml(rows, labels)).toBe(renderToStaticMarkup(h(Fragment, null, reference(rows, labels))));
    expect(caseRowsHtml([], labels)).toBe('');
  });

  it('lets no value open an element or an attribute', () => {
    const html = caseRowsHtml(rows.slice(4), labels);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('</td></tr><tr>');
    expect(html).not.toContain('"onmouseover');
    expect(html.match(/<tr /g)).toHaveLength(1);
  });
});

describe('the register rows\' styles (app/globals.css)', () => {
  const css = readFileSync(new URL('../../../globals.css', import.meta.url), 'utf8');

  it('colours each status badge as STATUS_TONE does, with the badge utility and the link utility on the row link', () => {
    for (const [status, tone] of Object.entries(STATUS_TONE)) {
      const rule = css.match(new RegExp(`\\.register \\[data-status='${status}'\\] \\{\\s*@apply ([^;]+);`));
      expect(rule?.[1].split(/\s+/).sort(), status).toEqual(tone.split(/\s+/).sort());
    }
    expect(css).toMatch(/\.register \[data-status\] \{\s*@apply badge;/);
    expect(css).toMatch(/\.register tbody th > a \{\s*@apply link;/);
    expect(css).toMatch(/\.register \.na \{\s*@apply text-slate-500;/);
    expect(css).toMatch(/\.register \.pc \{\s*@apply font-medium text-amber-800;/);
  });
});
