/**
 * The public report pages rendered as Next renders them on the server (issue 12 item 3): the published report
 * at /reports/{org}/{year} and the index /reports, from a report published through the library. Asserted on
 * the HTML: the title in Chinese, sections 一–六 as headings with the text resolved at publication, the
 * tables as real tables (caption, header scopes, merged cells) in labelled focusable regions, the five
 * downloads, the signature date; and "not found" for what cannot be shown.
 *
 * Stand-in: next-intl's server translator (the Chinese catalogue), as in test/route-handlers.int.test.ts.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('next-intl/server', async (original) => {
  const { createTranslator } = await import('next-intl');
  const { messagesFor } = await import('@/lib/i18n/catalogue');
  return {
    ...(await original<typeof import('next-intl/server')>()),
    getTranslations: async (ns?: string) =>
      createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN') as never, namespace: ns as never, onError: () => undefined }),
    getLocale: async () => 'zh-CN',
  };
});

import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import { lockPeriod } from '@/lib/reports/period-lock';
import { publishReport } from '@/lib/reports/report-publication';
import { createFixtureTree, insertFixtureCases, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import ReportPage from '@/app/(public)/reports/[org]/[year]/page';
import IndexPage from '@/app/(public)/reports/page';

const PREFIX = `RPG${Date.now().toString(36)}`.toUpperCase();
let tree: FixtureTree;

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  await insertFixtureCases(
    db,
    Array.from({ length: 3 }, (_, i) => ({ trackingNo: `${PREFIX}-${i}`, orgId: tree.leaf.id, applicantType: 'natural_person' as const, receivedOn: '2024-04-01', concludedOn: '2024-04-20', outcome: 'granted' as const })),
  );
  const user = await db.user.create({ data: { role: 'admin', name: 'Admin', ...userIdentifierData(`${PREFIX.toLowerCase()}@test.gongkai.cn`), passwordHash: 'x' } });
  const admin = { id: user.id, role: 'admin', orgId: null, orgPath: null } as Actor;
  await lockPeriod(admin, tree.mid.id, 2024);
  await publishReport(admin, { org: tree.mid.code, year: 2024, subtree: true, expectedVersion: 0 }, new Date('2025-01-20T02:00:00Z'));
});

const render = async (org: string, year: string) => renderToStaticMarkup(await ReportPage({ params: Promise.resolve({ org, year }) }));

describe('the public report pages', () => {
  it('render the published report with its text, real tables and downloads', async () => {
    const html = await render(tree.mid.code, '2024');
    expect(html).toContain(`<h1 lang="zh-CN" class="page-title" data-testid="published-report-title">${PREFIX} 局2024年政府信息公开工作年度报告</h1>`);
    for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      expect(html).toMatch(new RegExp(`<h2 id="section-[a-z_]+" class="[^"]*">${heading}</h2>`));
    }
    expect(html).toContain('共收到政府信息公开申请3件');
    expect(html).toContain('发布日期：2025年1月20日');
    expect(html).toMatch(/data-testid="published-report-signature"><p>[^<]+<\/p><p>2025年1月20日<\/p>/);
    expect(html).toContain('统计范围：含下级机关（共2个机关）');
    expect(html).toContain('第二部分“主动公开政府信息情况”为本机关填报的数据，不含下级机关。');
    expect(html.match(/<table /g)?.length).toBe(3);
    expect(html).toContain('<caption class="py-1 text-left text-sm font-medium text-slate-900">三、收到和处理政府信息公开申请情况</caption>');
    expect(html).toMatch(/<div role="region" aria-label="三、收到和处理政府信息公开申请情况（表格可左右滚动）" tabindex="0"/);
    expect(html).toMatch(/<th scope="colgroup" colspan="\d+"[^>]*>申请人情况<\/th>/i);
    expect(html).toMatch(/<th scope="rowgroup" rowspan="\d+"[^>]*>三、本年度办理结果<\/th>/i);
    expect(html).toMatch(/<th scope="row"[^>]*>一、本年新收政府信息公开申请数量<\/th>/);
    for (const format of ['docx', 'pdf', 'xlsx', 'csv', 'json']) {
      expect(html).toContain(`href="/api/public/reports/${tree.mid.code}/2024/${format}"`);
    }
    expect(html).toContain('<mark');
  });

  it('answer "not found" for what cannot be shown', async () => {
    for (const [org, year] of [['\u0000', '2024'], ['../x', '2024'], [tree.mid.code, '2023'], [tree.leaf.code, '2024'], ['a'.repeat(5000), '2024'], [tree.mid.code, '%00']]) {
      await expect(render(org!, year!)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
  });

  it('list it in the index, filtered by year and name', async () => {
    const index = async (sp: Record<string, string>) => renderToStaticMarkup(await IndexPage({ searchParams: Promise.resolve(sp) }));
    const html = await index({ q: PREFIX, year: '2024' });
    expect(html).toContain('共1份报告');
    expect(html).toContain(`href="/reports/${tree.mid.code}/2024"`);
    expect(html).toContain('2025年1月20日');
    expect(await index({ q: PREFIX, year: '2023' })).toContain('共0份报告');
    expect(await index({ q: '\u0000'.repeat(3), year: 'x', page: '-5' })).toContain('<h1 class="page-title">政府信息公开工作年度报告</h1>');
  });
});
