import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid } from '@/lib/statistics/table-grid';
import { attrs, escapeHtml } from './report-table-html';
import { Section2Table, Section3Table, Section4Table } from './report-tables';

/**
 * The report tables are rendered as one escaped HTML string (report-table-html.ts, issue 13) by a client
 * component fed compact data. Rendered here through the page's own components, as React does on the
 * server: every cell of the official grid once,
 * every number of section 三 a drill-down link with its label, and hostile values (an organisation code, a
 * translation) escaped, never markup.
 */
const HOSTILE = `"><img src=x onerror=alert(1)>&'`;
const table = pingduTable();

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('report tables as HTML', () => {
  it('escapes text and attribute values', () => {
    expect(escapeHtml(HOSTILE)).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;');
    expect(attrs({ a: HOSTILE, b: undefined, c: false, d: 3 })).toBe(` a="${escapeHtml(HOSTILE)}" d="3"`);
  });

  it('renders section 三 with every grid cell once and a drill-down link on every number', () => {
    const html = renderToStaticMarkup(
      createElement(Section3Table, {
        table,
        caption: '三、收到和处理政府信息公开申请情况',
        translate: () => null,
        drill: { year: 2020, org: 'PD', subtree: true },
        drillLabel: { message: '{row}，{column}：{value}件', locale: 'zh-CN' },
        flags: new Map([['section3|granted|total', 'error' as const]]),
      }),
    );
    const grid = buildSection3Grid(table);
    expect(count(html, /<t[dh][ >]/g)).toBe(grid.cells.length);
    const values = grid.cells.filter((c) => c.role === 'value' && c.value !== null);
    expect(values.length).toBeGreaterThan(100);
    expect(count(html, /<a /g)).toBe(values.length);
    expect(html).toContain('data-testid="section3-table"');
    expect(html).toContain('data-testid="section3-note"');
    // One link, in full: the cell's ids, its count, its case list, its label.
    const granted = table.section3.granted!.natural_person;
    expect(html).toContain(
      `<a href="/admin/reports/cases?year=2020&amp;org=PD&amp;subtree=1&amp;row=granted&amp;column=natural_person" class="report-drill" aria-label="（一）予以公开，自然人：${granted}件" data-cell="granted:natural_person">${granted}</a>`,
    );
    // The flagged cell carries the error marking; the others do not.
    expect(count(html, /outline-red-600/g)).toBe(1);
    expect(html).toMatch(/<td class="report-value bg-red-100[^"]*"><a [^>]*data-cell="granted:total"/);
  });

  it('escapes a hostile organisation code in the links and a hostile translation in the labels', () => {
    const html = renderToStaticMarkup(
      createElement(Section3Table, {
        table,
        caption: HOSTILE,
        translate: () => HOSTILE,
        drill: { year: 2020, org: HOSTILE, subtree: false },
        drillLabel: { message: `{row}${HOSTILE.replace(/'/g, "''")}`, locale: 'en' },
        flags: new Map(),
      }),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain(`aria-label="（一）予以公开${escapeHtml(HOSTILE)}"`);
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
    expect(html).toContain(`&amp;${escapeHtml(new URLSearchParams({ org: HOSTILE }).toString())}&amp;`);
    expect(html).toContain(`<span lang="en" class="mt-0.5 block text-xs font-normal text-slate-600 print:text-[8pt]">${escapeHtml(HOSTILE)}</span>`);
    expect(html).toContain(`<caption class="sr-only">${escapeHtml(HOSTILE)}</caption>`);
  });

  it('renders sections 四 and 二 with their cells and markers', () => {
    const s4 = renderToStaticMarkup(createElement(Section4Table, { table, caption: '四', translate: () => null, flags: new Map() }));
    const grid4 = buildSection4Grid(table);
    expect(count(s4, /<t[dh][ >]/g)).toBe(grid4.cells.length);
    expect(count(s4, /data-cell="/g)).toBe(grid4.cells.filter((c) => c.role === 'value').length);
    expect(s4).toContain(`<span data-cell="administrative_review:upheld">${table.section4.administrative_review.upheld}</span>`);
    // With a drill target every number of section 四 links to its appeals (block × column), escaped.
    const linked = renderToStaticMarkup(
      createElement(Section4Table, { table, caption: '四', translate: () => null, flags: new Map(), drill: { year: 2020, org: HOSTILE, subtree: true }, drillLabel: { message: '{row}|{column}|{value}', locale: 'zh-CN' } }),
    );
    expect(count(linked, /<a [^>]*class="report-drill"/g)).toBe(grid4.cells.filter((c) => c.role === 'value' && c.value !== null).length);
    expect(linked).toContain(`block=litigation_after_review&amp;column=pending`);
    expect(linked).toContain(`aria-label="行政诉讼／复议后起诉|尚未审结|${table.section4.litigation_after_review.pending}"`);
    expect(linked).not.toMatch(/onerror=alert\(1\)>/);
    const s2 = renderToStaticMarkup(createElement(Section2Table, { table, caption: '二', translate: () => null }));
    expect(count(s2, /<t[dh][ >]/g)).toBe(buildSection2Grid(table).cells.length);
    expect(s2).toContain('data-testid="section2-table"');
  });
});
