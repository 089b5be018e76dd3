/**
 * Publishing the annual report (issue 12 items 3 and 4), end to end.
 *
 * The admin locks 示范市公安局's 2025 report and publishes it from the report page. An anonymous visitor finds
 * it from the home page through the index, reads it at /reports/SFS-GA/2025 — lang zh-CN, headings in order,
 * the official tables as real tables (caption, th scope, merged cells) in labelled focusable regions that scroll
 * sideways, no axe violation at 375 and 1280 px — and downloads DOCX, PDF, XLSX, CSV and JSON that state what they
 * are. Addresses that name no published report answer 404. After an unlock and relock the admin publishes a
 * revision (the page says so); withdrawn with a reason, the report is gone from the page and the index.
 *
 * Item 4: every admin export of the city's subtree aggregate in the year still running (XLSX, CSV, JSON, DOCX,
 * print view) names the organisation, the scope with the number of organisations, the year, the data state
 * (截至…) and the generation time, and section 二 says it holds the city office's own figures; the office's
 * own table says 仅本机关, so the two never look alike.
 */
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { apiSignIn } from '../fixtures/auth';
import { auditPage } from './portal-helpers';

const ORG = 'SFS-GA';
const ORG_NAME = '示范市公安局';
const YEAR = 2025;
const TITLE = `${ORG_NAME}${YEAR}年政府信息公开工作年度报告`;
const PATH = `/reports/${ORG}/${YEAR}`;

async function openReportPage(page: Page) {
  await page.goto(`/admin/reports?year=${YEAR}&org=${ORG}&subtree=0`);
  return page.getByTestId('publication-panel');
}

test('an admin publishes a locked report; the public page is accessible, downloads work, revisions and withdrawal show', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  let panel = await openReportPage(page);
  await expect(panel.getByTestId('publication-needs-lock')).toBeVisible();
  await expect(panel.getByTestId('publish-report')).toHaveCount(0);
  await page.getByTestId('lock-panel').getByRole('button', { name: `锁定 ${YEAR} 年度` }).click();
  await expect(page.getByTestId('lock-state')).toContainText(`${YEAR}年度已锁定`);
  panel = page.getByTestId('publication-panel');
  await panel.getByTestId('publish-report').click();
  await expect(panel.getByRole('status')).toHaveText('年度报告已发布。');
  await expect(panel.getByTestId('publication-state')).toContainText('第1版');
  const totalOnAdminPage = (await page.locator('[data-cell="new_received:total"]').textContent())?.trim();

  // Anonymous: home page → index → the report.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto('/');
  await visitor.getByTestId('home-reports-link').click();
  await expect(visitor).toHaveURL(/\/reports$/);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('政府信息公开工作年度报告');
  await visitor.getByLabel('机关名称', { exact: true }).fill('公安');
  await visitor.getByLabel('年度', { exact: true }).selectOption(String(YEAR));
  await visitor.getByRole('button', { name: '筛选' }).click();
  await expect(visitor.getByTestId('reports-count')).toHaveText('共1份报告');
  await auditPage(visitor, testInfo, 'reports-index');
  await visitor.getByRole('link', { name: TITLE }).click();
  await expect(visitor).toHaveURL(new RegExp(`${PATH}$`));

  await expect(visitor.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(visitor.getByTestId('published-report-title')).toHaveText(TITLE);
  await expect(visitor.getByTestId('published-report-revised')).toHaveCount(0);
  // Headings in order: one h1, the six sections as h2 (after the downloads), sub-headings as h3 below them.
  const headings = await visitor.locator('main h1, main h2, main h3').evaluateAll((els) => els.map((e) => `${e.tagName}:${e.textContent?.trim()}`));
  expect(headings[0]).toBe(`H1:${TITLE}`);
  expect(headings.filter((h) => h.startsWith('H2:')).slice(1)).toEqual([
    'H2:一、总体情况',
    'H2:二、主动公开政府信息情况',
    'H2:三、收到和处理政府信息公开申请情况',
    'H2:四、政府信息公开行政复议、行政诉讼情况',
    'H2:五、存在的主要问题及改进情况',
    'H2:六、其他需要报告的事项',
  ]);
  for (let i = 1; i < headings.length; i++) {
    const level = (h: string) => Number(h[1]);
    expect(level(headings[i]!) - level(headings[i - 1]!), `${headings[i - 1]} → ${headings[i]}`).toBeLessThanOrEqual(1);
  }
  // The tables: real tables with captions, header scopes and the official merges, in focusable labelled regions.
  const s3 = visitor.getByTestId('public-applications');
  await expect(s3.locator('caption')).toHaveText('三、收到和处理政府信息公开申请情况');
  await expect(s3.locator('th[scope="colgroup"]', { hasText: '申请人情况' })).toHaveAttribute('colspan', /^[2-9]$/);
  await expect(s3.locator('th[scope="rowgroup"]', { hasText: '三、本年度办理结果' })).toHaveAttribute('rowspan', /\d+/);
  await expect(s3.locator('th[scope="row"]', { hasText: '一、本年新收政府信息公开申请数量' })).toHaveCount(1);
  const newReceivedRow = s3.locator('tr', { has: visitor.locator('th[scope="row"]', { hasText: '一、本年新收政府信息公开申请数量' }) });
  await expect(newReceivedRow.locator('td').last()).toHaveText(totalOnAdminPage ?? '');
  await expect(visitor.getByTestId('public-appeals').locator('caption')).toHaveText('四、政府信息公开行政复议、行政诉讼情况');
  const region = visitor.getByRole('region', { name: '三、收到和处理政府信息公开申请情况（表格可左右滚动）' });
  await expect(region).toHaveAttribute('tabindex', '0');
  await visitor.setViewportSize({ width: 375, height: 812 });
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await region.focus();
  await visitor.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await auditPage(visitor, testInfo, 'published-report');

  // Downloads, from the snapshot, as attachments that say what they are.
  const hrefs = await Promise.all(['docx', 'pdf', 'xlsx', 'csv', 'json'].map(async (f) => [f, await visitor.getByTestId(`download-${f}`).getAttribute('href')] as const));
  for (const [format, href] of hrefs) {
    const res = await visitor.request.get(href!);
    expect(res.status(), format).toBe(200);
    expect(res.headers()['content-disposition'], format).toMatch(/^attachment; /);
    const body = await res.body();
    if (format === 'docx' || format === 'xlsx') expect(body.subarray(0, 2).toString('latin1'), format).toBe('PK');
    if (format === 'pdf') expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (format === 'csv') {
      const csv = body.toString('utf8');
      expect(csv).toContain(`机关,${ORG_NAME}`);
      expect(csv).toContain('统计范围,仅本机关');
    }
    if (format === 'json') {
      const json = JSON.parse(body.toString('utf8')) as { year: number; section3: { new_received: { total: number } }; export: { org: string; scope: string; dataState: string } };
      expect(json.year).toBe(YEAR);
      expect(String(json.section3.new_received.total)).toBe(totalOnAdminPage);
      expect(json.export).toMatchObject({ org: ORG, scope: 'own', dataState: 'final_year' });
    }
  }

  // Addresses that name no published report: 404, never 500.
  for (const path of [`/reports/${ORG}/2024`, `/reports/NOPE/${YEAR}`, `/reports/%00/${YEAR}`, `/reports/${ORG}/%00`, `/reports/${ORG}/99999`, `/reports/${'a'.repeat(3000)}/${YEAR}`, `/reports/..%2F..%2Fetc/${YEAR}`, `/reports/%ff/${YEAR}`, `/reports/${ORG}/%E0%A4%A`]) {
    const res = await visitor.request.get(path);
    expect(res.status(), path.slice(0, 60)).toBe(404);
  }
  for (const path of [`/api/public/reports/${ORG}/${YEAR}/exe`, `/api/public/reports/%ff/${YEAR}/json`, `/api/public/reports/${ORG}/2024/json`]) {
    expect((await visitor.request.get(path)).status(), path).toBe(404);
  }

  // Unlock, relock, publish the revision: the page says it was revised.
  const lockPanel = page.getByTestId('lock-panel');
  await lockPanel.getByLabel('解除锁定的原因').fill('补录一件漏登的申请');
  await lockPanel.getByRole('button', { name: `解除 ${YEAR} 年度锁定` }).click();
  await expect(page.getByTestId('lock-state')).toContainText(`${YEAR}年度未锁定`);
  await expect(page.getByTestId('publication-panel')).toContainText('公开页面仍显示已发布的版本');
  await lockPanel.getByRole('button', { name: `锁定 ${YEAR} 年度` }).click();
  await expect(page.getByTestId('lock-state')).toContainText(`${YEAR}年度已锁定`);
  panel = page.getByTestId('publication-panel');
  await panel.getByRole('button', { name: '发布修订版' }).click();
  await expect(panel.getByRole('status')).toHaveText('修订版已发布。');
  await visitor.goto(PATH);
  await expect(visitor.getByTestId('published-report-revised')).toContainText('第2版');

  // Withdrawn with a reason: gone from the page and the index.
  panel = (await openReportPage(page));
  await panel.getByRole('button', { name: '撤回已发布的报告' }).click();
  await expect(panel.getByText('请填写撤回理由。')).toBeVisible();
  await panel.getByLabel('撤回理由').fill('统计口径有误，更正后重新发布');
  await panel.getByRole('button', { name: '撤回已发布的报告' }).click();
  await expect(panel.getByTestId('publication-state')).toContainText('统计口径有误，更正后重新发布');
  expect((await visitor.request.get(PATH)).status()).toBe(404);
  await visitor.goto(`/reports?year=${YEAR}&q=${encodeURIComponent('公安')}`);
  await expect(visitor.getByTestId('reports-count')).toHaveText('共0份报告');
  await context.close();
});

test('every export of a subtree aggregate in a running year states what it is, unlike the office’s own table (issue 12 item 4)', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const url = (subtree: 0 | 1, format: string) => `/api/reports/${year}/export?org=SFS&subtree=${subtree}&format=${format}`;
  const get = async (subtree: 0 | 1, format: string) => {
    const res = await page.request.get(url(subtree, format));
    expect(res.status(), `${format} subtree=${subtree}`).toBe(200);
    return res.body();
  };
  const SCOPE = /统计范围[：,]含下级机关（共\d+个机关）/;
  const STATE = new RegExp(`数据状态[：,]截至${year}年\\d+月\\d+日（${year}年度尚未结束`);
  const OWN_ONLY = '第二部分“主动公开政府信息情况”为本机关填报的数据，不含下级机关。';

  const json = JSON.parse((await get(1, 'json')).toString('utf8')) as { export: Record<string, unknown> };
  expect(json.export).toMatchObject({ org: 'SFS', orgName: '示范市人民政府办公室', scope: 'subtree', year, dataState: 'in_progress', section2Scope: 'own', section2Note: OWN_ONLY });
  expect(json.export.orgCount as number).toBeGreaterThan(1);
  expect(String(json.export.generatedAt)).toMatch(/^\d{4}-\d\d-\d\dT/);
  const ownJson = JSON.parse((await get(0, 'json')).toString('utf8')) as { export: Record<string, unknown> };
  expect(ownJson.export).toMatchObject({ scope: 'own', orgCount: 1 });
  expect(ownJson.export.section2Note).toBeUndefined();

  const csv = (await get(1, 'csv')).toString('utf8');
  expect(csv).toContain('机关,示范市人民政府办公室');
  expect(csv).toMatch(SCOPE);
  expect(csv).toMatch(STATE);
  expect(csv).toContain('生成时间,');
  expect(csv).toContain('二、主动公开政府信息情况');
  expect(csv).toContain(OWN_ONLY);
  const ownCsv = (await get(0, 'csv')).toString('utf8');
  expect(ownCsv).toContain('统计范围,仅本机关');
  expect(ownCsv.split('\r\n').slice(0, 4)).not.toEqual(csv.split('\r\n').slice(0, 4));

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await get(1, 'xlsx')) as unknown as ArrayBuffer);
  expect(workbook.worksheets.length).toBeGreaterThan(0);
  for (const sheet of workbook.worksheets) {
    const provenance = String(sheet.getCell('A2').value ?? '');
    expect(provenance, sheet.name).toMatch(SCOPE);
    expect(provenance, sheet.name).toMatch(STATE);
    expect(provenance, sheet.name).toContain('生成时间：');
  }

  const zip = await JSZip.loadAsync(await get(1, 'docx'));
  const docText = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  expect(docText).toMatch(SCOPE);
  expect(docText).toMatch(STATE);
  expect(docText).toContain(OWN_ONLY);

  await page.goto(`/admin/reports/print?year=${year}&org=SFS&subtree=1`);
  await expect(page.getByTestId('print-provenance')).toContainText(SCOPE);
  await expect(page.getByTestId('print-provenance')).toContainText(STATE);
});
