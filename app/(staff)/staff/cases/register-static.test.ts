/**
 * The case register's static parts (register-static.tsx) and their place in the page (pages/staff/cases.tsx).
 * Bug guarded against: the cached markup serves one view's filters, language or role to another view, lets
 * a hostile search text out of its attribute, loses a field, its default value or its label, or the page
 * places a part in the wrong container or sends the markup a second time in the document's JSON.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { messageSetRef } from '@/lib/i18n/message-assets';
import { documentOnly } from '@/lib/staff-pages/document-only';
import type { ListCasesFilters } from '@/lib/cases/queries';
import CaseListPage from '@/pages/staff/cases';
import { registerStatic, registerStaticStats, type RegisterStaticInput } from './register-static';

const input = (over: Partial<RegisterStaticInput> = {}): RegisterStaticInput => ({ locale: 'zh-CN', filters: {}, sort: 'received', canRegister: true, ...over });

describe('registerStatic', () => {
  it('renders every plain field of the filter form with its label, name and default value', async () => {
    const filters: ListCasesFilters = { status: ['in_progress'], includeSubOrgs: true, channel: ['post_signed'], applicantType: ['commercial_enterprise'], outcome: ['granted'], receiptYear: 2025, dueWithinWorkingDays: 5, overdue: true, q: '公开' };
    const { html } = await registerStatic(input({ filters, sort: 'due' }));
    const form = html.fieldsA + html.sub + html.fieldsB;
    for (const [id, name] of [['f-q', 'q'], ['f-status', 'status'], ['f-sub', 'sub'], ['f-channel', 'channel'], ['f-type', 'type'], ['f-outcome', 'outcome'], ['f-year', 'year'], ['f-due', 'due'], ['f-overdue', 'overdue']]) {
      expect(form, id).toContain(`for="${id}"`);
      expect(form, id).toMatch(new RegExp(`id="${id}"[^>]* name="${name}"`));
    }
    expect(html.fieldsA).toContain('value="公开"');
    expect(html.fieldsA).toContain('<option value="in_progress" selected="">');
    expect(html.sub).toContain('<input id="f-sub" type="checkbox" class="h-4 w-4" name="sub" checked="" value="1"/>');
    expect(html.fieldsB).toContain('<option value="post_signed" selected="">');
    expect(html.fieldsB).toContain('<option value="commercial_enterprise" selected="">');
    expect(html.fieldsB).toContain('<option value="granted" selected="">');
    expect(html.fieldsB).toContain('name="year" value="2025"');
    expect(html.fieldsB).toContain('<input id="f-due" type="number" min="0" max="60" class="field-input" aria-describedby="f-due-hint" name="due" value="5"/>');
    expect(html.fieldsB).toContain('<input id="f-overdue" type="checkbox" class="h-4 w-4" name="overdue" checked="" value="1"/>');
    expect(html.fieldsB).toContain('<input type="hidden" name="sort" value="due"/>');
    expect(html.fieldsB).toContain('href="/staff/cases" class="btn-secondary">重置</a>');
    // Nothing chosen: the "any" options are chosen, nothing is checked, there is nothing to reset.
    const plain = (await registerStatic(input())).html;
    expect(plain.fieldsA).toContain('<option value="" selected="">全部</option>');
    expect(plain.sub + plain.fieldsB).not.toContain('checked');
    expect(plain.fieldsB).not.toContain('重置');
    expect(plain.fieldsB).toContain('<input type="hidden" name="sort" value="received"/>');
  });

  it('keeps a hostile search text inside its attribute and its links', async () => {
    const q = '"><script>alert(1)</script>&\'<img src=x onerror=alert(2)>';
    const { html } = await registerStatic(input({ filters: { q } }));
    const all = Object.values(html).join('');
    expect(all).not.toContain('<script');
    expect(all).not.toContain('<img');
    expect(html.fieldsA).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#x27;&lt;img src=x onerror=alert(2)&gt;"');
    // The sort links and column heads carry the text URL-encoded, the sort changed.
    const encoded = new URLSearchParams({ q }).toString();
    expect(html.sorts).toContain(`href="/staff/cases?${encoded.replace(/&/g, '&amp;')}&amp;sort=due"`);
    expect(html.head).toContain(`href="/staff/cases?${encoded.replace(/&/g, '&amp;')}&amp;sort=due"`);
  });

  it('marks the current sort, keeps the filters in every sort link and heads the table', async () => {
    const { html } = await registerStatic(input({ filters: { overdue: true }, sort: 'due' }));
    expect(html.sorts).toContain('<a href="/staff/cases?overdue=1&amp;sort=due" class="font-semibold text-slate-900" aria-current="true">答复期限（在办优先，近→远）</a>');
    expect(html.sorts).toContain('<a href="/staff/cases?overdue=1" class="link">收到申请之日（新→旧）</a>');
    expect((html.sorts.match(/aria-current/g) ?? []).length).toBe(1);
    expect((html.head.match(/<th scope="col">/g) ?? []).length).toBe(9);
    expect(html.head).toContain('<a href="/staff/cases?overdue=1" class="link">收到申请之日</a>');
  });

  it('follows the language and the role', async () => {
    const zh = await registerStatic(input());
    const en = await registerStatic(input({ locale: 'en' }));
    expect(zh.html.title).toContain('>申请件</h1>');
    expect(en.html.title).not.toContain('申请件');
    expect(en.html.fieldsB).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.key).not.toBe(zh.key);
    expect(zh.html.title).toContain('href="/staff/cases/new"');
    const reader = await registerStatic(input({ canRegister: false }));
    expect(reader.html.title).not.toContain('/staff/cases/new');
    expect(reader.key).not.toBe(zh.key);
  });

  it('renders a distinct input once and hands out the same frozen parts after that', async () => {
    const first = await registerStatic(input({ filters: { q: 'cache probe' } }));
    const before = registerStaticStats();
    const again = await registerStatic(input({ filters: { q: 'cache probe' } }));
    expect(again).toBe(first);
    expect(Object.isFrozen(again.html)).toBe(true);
    expect(registerStaticStats().hits).toBe(before.hits + 1);
    expect(registerStaticStats().misses).toBe(before.misses);
    const other = await registerStatic(input({ filters: { q: 'cache probe 2' } }));
    expect(other.key).not.toBe(first.key);
    expect(other.html.fieldsA).toContain('value="cache probe 2"');
  });
});

describe('the register page with its static parts', () => {
  it('places each part in its container once, and the document’s JSON carries none of them', async () => {
    const filters: ListCasesFilters = { overdue: true, q: 'probe' };
    const parts = await registerStatic(input({ filters, sort: 'due' }));
    const messages = messageSetRef('staffList', 'zh-CN');
    const props = {
      locale: 'zh-CN' as const, messages, title: 't', nav: [{ href: '/staff/cases', labelKey: 'nav.cases' }], userName: '经办人',
      filters, sort: 'due' as const, cursor: null, nextCursor: null, cursorInvalid: false, total: { count: 0, isCapped: false },
      rows: [], rowCount: 0, rowsKey: 'none', chosenOrg: null, chosenClerk: null, canRegister: true,
      registerKey: parts.key, registerHtml: documentOnly({ ...parts.html }),
    };
    const html = renderToStaticMarkup(createElement(CaseListPage, props));
    const container = (name: string, tag = 'div') => new RegExp(`<${tag} class="[^"]*" (?:aria-label="[^"]*" )?data-html="${parts.key}\\.${name}">`);
    expect(html).toMatch(container('title'));
    expect(html).toContain(`<div class="contents" data-html="${parts.key}.fieldsA">${parts.html.fieldsA}</div>`);
    expect(html).toContain(`<div class="flex items-end" data-html="${parts.key}.sub">${parts.html.sub}</div>`);
    expect(html).toContain(`<div class="contents" data-html="${parts.key}.fieldsB">${parts.html.fieldsB}</div>`);
    expect(html).toContain(`data-html="${parts.key}.sorts">${parts.html.sorts}</div>`);
    expect(html).toContain(`<thead class="bg-slate-100 text-left text-slate-800" data-html="${parts.key}.head">${parts.html.head}</thead>`);
    // The pickers sit between the parts, in the form's order.
    const order = ['fieldsA', 'f-org', 'sub', 'f-clerk', 'fieldsB'].map((k) => html.indexOf(k.startsWith('f-') ? `id="${k}"` : `${parts.key}.${k}`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
    for (const part of Object.values(parts.html)) expect(html.split(part).length - 1).toBe(1);
    const json = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
    expect(json.registerHtml).toBeNull();
    expect(json.registerKey).toBe(parts.key);
    expect(JSON.stringify(props)).not.toContain('f-status');
  });
});
